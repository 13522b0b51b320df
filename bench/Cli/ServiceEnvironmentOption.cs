using System.CommandLine;

namespace FbaMesh.Bench.Cli;

/// <summary>
/// --service-env app-id:NAME=VALUE (repeatable): extra environment for one service, to try a setting
/// (a GC knob, a pacing margin) on the same scenario without touching the service's code.
/// </summary>
internal static class ServiceEnvironmentOption
{
    public static Option<string[]> Create()
    {
        var option = new Option<string[]>("--service-env") { Description = "Extra environment for one service: app-id:NAME=VALUE (repeatable)." };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!TryParse(token.Value, out _, out _, out _))
                {
                    result.AddError($"--service-env wants app-id:NAME=VALUE, not '{token.Value}'.");
                }
            }
        });
        return option;
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Read(string[]? values)
    {
        var byApp = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            if (TryParse(value, out var app, out var name, out var setting))
            {
                if (!byApp.TryGetValue(app, out var env))
                {
                    byApp[app] = env = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                env[name] = setting;
            }
        }

        return byApp.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)e.Value, StringComparer.Ordinal);
    }

    private static bool TryParse(string value, out string app, out string name, out string setting)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var equals = colon < 0 ? -1 : value.IndexOf('=', colon);
        (app, name, setting) = colon > 0 && equals > colon + 1
            ? (value[..colon], value[(colon + 1)..equals], value[(equals + 1)..])
            : (string.Empty, string.Empty, string.Empty);
        return app.Length > 0;
    }
}
