using FbaMesh.ServiceDefaults;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>The operator console under /console: server-rendered HTML behind the operator credential.</summary>
internal static class ConsoleWiring
{
    public static void AddConsole(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ConsoleOptions, ConsoleOptionsValidator>(ConsoleOptions.SectionName);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fbamesh-console-antiforgery";
            o.Cookie.Path = ConsoleRoutes.Root;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__antiforgery";
        });
    }

    public static void MapConsole(this WebApplication app)
    {
        // Operators hold no app token. Open without any credential: the login form and the two static
        // files (no data in any of them). Everything else needs the operator credential.
        var open = app.MapGroup(ConsoleRoutes.Root).AllowWithoutAppToken();
        open.MapGet("/login", ConsoleLogin.Form);
        open.MapPost("/login", ConsoleLogin.LogInAsync);
        open.MapGet("/assets/console.css", () => Results.Text(ConsoleAssets.Css, "text/css; charset=utf-8"));
        open.MapGet("/assets/console.js", () => Results.Text(ConsoleAssets.Script, "text/javascript; charset=utf-8"));

        var console = app.MapGroup(ConsoleRoutes.Root).RequireConsoleCredential().AllowWithoutAppToken();
        console.MapGet("/", OrderListPage.RenderAsync);
        console.MapGet("/orders/{id}", OrderPage.RenderAsync);
        console.MapGet("/orders/{id}/retry", RetryAction.ConfirmAsync);
        console.MapPost("/orders/{id}/retry", RetryAction.RetryAsync);
        console.MapGet("/orders/{id}/cancel", CommandActions.Cancel.ConfirmAsync);
        console.MapPost("/orders/{id}/cancel", CommandActions.Cancel.PostAsync);
        console.MapGet("/orders/{id}/release", CommandActions.Release.ConfirmAsync);
        console.MapPost("/orders/{id}/release", CommandActions.Release.PostAsync);
        console.MapGet("/dead-letters", DeadLettersPage.RenderAsync);
        console.MapPost("/logout", ConsoleLogin.LogOutAsync);
    }
}
