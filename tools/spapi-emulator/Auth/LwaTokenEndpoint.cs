using System.Text.Json.Nodes;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Login with Amazon's token endpoint for the refresh_token grant, answering errors in LWA's own shape
/// ({error, error_description}) and status codes: 400 for request and grant errors, 401 for a bad client.
/// </summary>
internal static class LwaTokenEndpoint
{
    public static IEndpointRouteBuilder MapLoginWithAmazon(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/o2/token", IssueAsync);
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, EmulatorState state)
    {
        if (!request.HasFormContentType)
        {
            return Error(400, "invalid_request", "The request is missing a required parameter : grant_type");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Error(400, "invalid_request", "The request is not a valid form.");
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Error(400, "invalid_request", "The request is missing a required parameter : grant_type");
        }

        if (grantType != "refresh_token")
        {
            return Error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server");
        }

        foreach (var name in (string[])["refresh_token", "client_id", "client_secret"])
        {
            if (form[name].ToString().Length == 0)
            {
                return Error(400, "invalid_request", $"The request is missing a required parameter : {name}");
            }
        }

        var options = state.Options;
        if (!Equal(form["client_id"].ToString(), options.LwaClientId) || !Equal(form["client_secret"].ToString(), options.LwaClientSecret))
        {
            return Error(401, "invalid_client", "Client authentication failed");
        }

        var refreshToken = form["refresh_token"].ToString();
        if (!options.RefreshTokens.Any(known => Equal(refreshToken, known)))
        {
            return Error(400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
        }

        var token = state.Tokens.Issue(options.AccessTokenLifetime);
        return Results.Json(new JsonObject
        {
            ["access_token"] = token,
            ["refresh_token"] = refreshToken,
            ["token_type"] = "bearer",
            ["expires_in"] = (long)options.AccessTokenLifetime.TotalSeconds,
        });
    }

    // Credentials are compared in constant time so the emulator does not teach timing-unsafe habits.
    private static bool Equal(string given, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error_description"] = description, ["error"] = error }, statusCode: status);
}
