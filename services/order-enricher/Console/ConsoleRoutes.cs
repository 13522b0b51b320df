namespace FbaMesh.OrderEnricher.Console;

/// <summary>The console's paths, in one place so links and routes agree.</summary>
internal static class ConsoleRoutes
{
    public const string Root = "/console";
    public const string Login = "/console/login";
    public const string Logout = "/console/logout";
    public const string DeadLetters = "/console/dead-letters";
    public const string Stylesheet = "/console/assets/console.css";
    public const string Script = "/console/assets/console.js";

    public static string Order(string orderId) => $"/console/orders/{orderId}";

    public static string Retry(string orderId) => $"/console/orders/{orderId}/retry";

    public static string Cancel(string orderId) => $"/console/orders/{orderId}/cancel";

    public static string Release(string orderId) => $"/console/orders/{orderId}/release";

    /// <summary>A return address after login: only a console path of this site (no "//host", no "/\host").</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(Root, StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && url.All(c => c > ' ' && c < 127)
            ? url
            : Root;
}
