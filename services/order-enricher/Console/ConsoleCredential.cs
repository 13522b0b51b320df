using FbaMesh.OrderEnricher.Api;
using FbaMesh.ServiceDefaults.Secrets;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>How a console request proved itself: a person's session cookie, or automation's bearer token.</summary>
internal enum ConsoleCaller
{
    Session,
    Bearer,
}

/// <summary>
/// Every console page and action needs the operator credential: "Authorization: Bearer &lt;operator token&gt;"
/// (automation) or a valid session cookie (people, after the login form). Without one, a browser asking for a
/// page is sent to the login form and anything else gets 401 problem+json; without a readable token the
/// console is closed (503), never open.
/// </summary>
internal static class ConsoleCredential
{
    private const string CallerKey = "fbamesh-console-caller";

    public static RouteGroupBuilder RequireConsoleCredential(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var reader = http.RequestServices.GetRequiredService<SecretReader<OperatorCredential>>();
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            OperatorCredential expected;
            try
            {
                expected = await reader.GetAsync(http.RequestAborted);
            }
            catch (SecretUnavailableException ex)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Console closed",
                    detail: $"The operator token cannot be read, so the console stays closed: {ex.Message}");
            }

            var caller = Identify(http, expected, time.GetUtcNow());
            if (caller is null && await reader.RefreshNowAsync(expected, http.RequestAborted) is { } rotated)
            {
                caller = Identify(http, rotated, time.GetUtcNow());
            }

            if (caller is { } known)
            {
                http.Items[CallerKey] = known;
                return await next(context);
            }

            if (HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Redirect($"{ConsoleRoutes.Login}?returnUrl={Uri.EscapeDataString(ConsoleRoutes.SafeReturn(http.Request.Path + http.Request.QueryString))}");
            }

            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Operator credential required",
                detail: $"Log in at {ConsoleRoutes.Login}, or send the operator token as 'Authorization: Bearer <token>'.");
        });
        return group;
    }

    /// <summary>A form post from a session must carry the anti-forgery token; a bearer caller is no browser riding on a cookie.</summary>
    public static bool NeedsAntiforgery(HttpContext http) => !IsBearer(http);

    /// <summary>Automation (the bearer token) gets answers as JSON and problem+json; people get pages.</summary>
    public static bool IsBearer(HttpContext http) => http.Items[CallerKey] is ConsoleCaller.Bearer;

    private static ConsoleCaller? Identify(HttpContext http, OperatorCredential expected, DateTimeOffset now)
    {
        if (http.Request.Headers.Authorization.Count > 0)
        {
            // A bearer header decides alone: a wrong token is refused even with a valid cookie beside it.
            return OperatorToken.Matches(http.Request.Headers.Authorization.ToString(), expected) ? ConsoleCaller.Bearer : null;
        }

        return ConsoleSession.IsValid(http.Request.Cookies[ConsoleSession.CookieName], expected, now) ? ConsoleCaller.Session : null;
    }
}
