using System.Security.Cryptography;
using System.Text;

namespace FbaMesh.OrderEnricher.Api;

/// <summary>
/// When <see cref="OperatorApiOptions.Token"/> is set (from a secret in production), /api/orders answers only callers that send
/// it as "Authorization: Bearer …". Unset, the API is open: fine on a developer machine or behind a
/// network policy that lets only operators reach the enricher's port.
/// </summary>
internal static class OperatorToken
{
    public static RouteGroupBuilder RequireOperatorToken(this RouteGroupBuilder group, OperatorApiOptions options)
    {
        var token = options.Token;
        if (string.IsNullOrEmpty(token))
        {
            return group;
        }

        var expected = Encoding.UTF8.GetBytes("Bearer " + token);
        group.AddEndpointFilter(async (context, next) =>
        {
            var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers.Authorization.ToString());
            return CryptographicOperations.FixedTimeEquals(presented, expected)
                ? await next(context)
                : Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Operator token required",
                    detail: "Send the operator API token as 'Authorization: Bearer <token>'.");
        });
        return group;
    }
}
