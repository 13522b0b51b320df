using FbaMesh.OrderEnricher.Api;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// The login form for people: the operator token in, a session cookie out (HttpOnly, SameSite=Strict,
/// Secure over HTTPS, expiring). The form itself carries an anti-forgery token, so no other site can log a
/// browser in with a token of its choosing. Logging out drops the cookie.
/// </summary>
internal static class ConsoleLogin
{
    public static IResult Form(HttpContext http, string? returnUrl) => LoginPage(http, returnUrl, null);

    public static async Task<IResult> LogInAsync(HttpContext http, SecretReader<OperatorCredential> reader, IAntiforgery antiforgery, TimeProvider time, IOptions<ConsoleOptions> options)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Form expected", detail: "Post the login form (application/x-www-form-urlencoded).");
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return LoginPage(http, null, "The form had expired. Enter the token again.", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = ConsoleRoutes.SafeReturn(form["returnUrl"]);
        OperatorCredential expected;
        try
        {
            expected = await reader.GetAsync(http.RequestAborted);
        }
        catch (SecretUnavailableException)
        {
            return LoginPage(http, returnUrl, "The operator token cannot be read right now, so nobody can log in. Look at the enricher's log.", StatusCodes.Status503ServiceUnavailable);
        }

        var presented = "Bearer " + form["token"].ToString().Trim();
        var matched = OperatorToken.Matches(presented, expected) ? expected
            : await reader.RefreshNowAsync(expected, http.RequestAborted) is { } rotated && OperatorToken.Matches(presented, rotated) ? rotated
            : null;
        if (matched is null)
        {
            return LoginPage(http, returnUrl, "That is not the operator token.", StatusCodes.Status401Unauthorized);
        }

        var expiresAt = time.GetUtcNow() + options.Value.SessionLifetime;
        http.Response.Cookies.Append(ConsoleSession.CookieName, ConsoleSession.Issue(matched, expiresAt), ConsoleSession.CookieFor(http.Request, expiresAt));
        return Results.Redirect(returnUrl);
    }

    public static async Task<IResult> LogOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (ConsoleCredential.NeedsAntiforgery(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Anti-forgery token missing or invalid", detail: "Use the Log out button of a console page.");
        }

        http.Response.Cookies.Delete(ConsoleSession.CookieName, new CookieOptions { Path = ConsoleRoutes.Root, SameSite = SameSiteMode.Strict, HttpOnly = true, Secure = http.Request.IsHttps });
        return Results.Redirect(ConsoleRoutes.Login);
    }

    private static IResult LoginPage(HttpContext http, string? returnUrl, string? problem, int statusCode = StatusCodes.Status200OK)
    {
        var message = problem is null ? "" : $"<p class=\"problem\" role=\"alert\">{E(problem)}</p>";
        var body = $"""
            <h1>Log in</h1>
            {message}
            <form class="login" method="post" action="{ConsoleRoutes.Login}">
              {Antiforgery(http)}
              <input type="hidden" name="returnUrl" value="{E(ConsoleRoutes.SafeReturn(returnUrl))}">
              <label for="token">Operator token
                <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
              </label>
              <p><button type="submit">Log in</button></p>
            </form>
            <p>The token is the operator secret (<code>operator</code>, key <code>token</code>); devmesh prints it and writes it to <code>.devmesh/endpoints.json</code>.</p>
            """;
        return Page(http, "Log in", body, signedIn: false, statusCode);
    }
}
