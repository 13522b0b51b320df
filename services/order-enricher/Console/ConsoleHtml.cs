using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>The page frame and the small pieces every page uses. Everything shown is HTML-encoded here.</summary>
internal static class ConsoleHtml
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Time(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}\">{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>";

    public static string Status(string status) => $"<span class=\"status status-{E(status)}\">{E(status)}</span>";

    /// <summary>The hidden anti-forgery field for a form (issues the cookie that goes with it).</summary>
    public static string Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <param name="signedIn">False on the login page: no navigation, no logout.</param>
    public static IResult Page(HttpContext http, string title, string body, bool signedIn = true, int statusCode = StatusCodes.Status200OK)
    {
        var refresh = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value.RefreshInterval;
        var nav = signedIn
            ? $"""
              <nav aria-label="Console">
                <a href="{ConsoleRoutes.Root}">Orders</a>
                <a href="{ConsoleRoutes.DeadLetters}">Dead letters</a>
                <form method="post" action="{ConsoleRoutes.Logout}">{Antiforgery(http)}<button type="submit" class="secondary">Log out</button></form>
              </nav>
              """
            : "<nav aria-label=\"Console\"><span>FbaMesh console</span></nav>";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · FbaMesh console</title>
            <link rel="stylesheet" href="{ConsoleRoutes.Stylesheet}">
            <script src="{ConsoleRoutes.Script}" defer></script>
            </head>
            <body data-refresh-ms="{(int)refresh.TotalMilliseconds}">
            <a class="skip" href="#main">Skip to content</a>
            <header>{nav}</header>
            <main id="main">
            {body}
            </main>
            </body>
            </html>
            """;
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
