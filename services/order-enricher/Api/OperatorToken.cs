using System.Security.Cryptography;
using System.Text;
using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>
/// /api/orders answers only callers that send the operator token (secret operator, key token) as
/// "Authorization: Bearer …", compared in constant time. Without a readable token the API is closed
/// (503, saying which secret is missing), never open.
/// </summary>
internal static class OperatorToken
{
    public static RouteGroupBuilder RequireOperatorToken(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var reader = http.RequestServices.GetRequiredService<SecretReader<OperatorCredential>>();
            OperatorCredential expected;
            try
            {
                expected = await reader.GetAsync(http.RequestAborted);
            }
            catch (SecretUnavailableException ex)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Operator API closed",
                    detail: $"The operator token cannot be read, so the operator API stays closed: {ex.Message}");
            }

            var presented = http.Request.Headers.Authorization.ToString();
            if (Matches(presented, expected)
                || (await reader.RefreshNowAsync(expected, http.RequestAborted) is { } rotated && Matches(presented, rotated)))
            {
                return await next(context);
            }

            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Operator token required",
                detail: "Send the operator API token as 'Authorization: Bearer <token>'.");
        });
        return group;
    }

    internal static bool Matches(string presented, OperatorCredential expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes("Bearer " + expected.Token));
}
