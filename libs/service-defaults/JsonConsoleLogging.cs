using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FbaMesh.ServiceDefaults;

internal static class JsonConsoleLogging
{
    /// <summary>One JSON object per line, so an operator's log pipeline needs no parsing rules.</summary>
    public static void AddJsonConsoleLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
