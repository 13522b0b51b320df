using System.Globalization;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Options from the command line: --urls, --secrets-file (a Dapr local-file secret store JSON whose
/// "sp-api" secret holds lwaClientId, lwaClientSecret, refreshToken), --create-rate/--create-burst,
/// --usage-plan sandbox, --token-lifetime (seconds), --status-step (seconds), --unlisted-skus A,B,
/// --missing-fulfillment-role true, --Notifications:Url URL (FULFILLMENT_ORDER_STATUS notifications POSTed
/// there; empty = off), --Notifications:MaxAttempts N.
/// </summary>
internal static class CommandLine
{
    public static SpApiEmulatorOptions Parse(string[] args)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var options = new SpApiEmulatorOptions { Urls = config["urls"] ?? "http://localhost:5500" };
        if (config["secrets-file"] is { } secretsFile)
        {
            ReadSecrets(options, secretsFile);
        }

        if (config["usage-plan"] is { } preset)
        {
            options.DefaultPlan = preset.ToUpperInvariant() switch
            {
                "SANDBOX" => UsagePlan.Sandbox,
                "DEFAULT" => UsagePlan.Default,
                "MODEL" => null,
                _ => throw new ArgumentException($"--usage-plan must be sandbox, default or model, not '{preset}'."),
            };
        }

        if (config["create-rate"] is not null || config["create-burst"] is not null)
        {
            var basis = options.DefaultPlan ?? UsagePlan.Default;
            options.CreatePlan = new UsagePlan(Number(config, "create-rate") ?? basis.Rate, (int)(Number(config, "create-burst") ?? basis.Burst));
            options.CreatePlan.Validate();
        }

        if (Number(config, "token-lifetime") is { } lifetime)
        {
            options.AccessTokenLifetime = TimeSpan.FromSeconds(lifetime);
        }

        if (Number(config, "status-step") is { } step)
        {
            options.StatusStep = TimeSpan.FromSeconds(step);
        }

        if (config["unlisted-skus"] is { } skus)
        {
            options.UnlistedSkus = skus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (config[$"{NotificationOptions.SectionName}:Url"] is { } notificationUrl)
        {
            options.Notifications.Url = notificationUrl;
        }

        if (Number(config, $"{NotificationOptions.SectionName}:MaxAttempts") is { } notificationAttempts)
        {
            options.Notifications.MaxAttempts = (int)notificationAttempts;
        }

        options.Notifications.Validate();
        options.MissingFulfillmentRole = config["missing-fulfillment-role"] is { } role && (role.Length == 0 || bool.Parse(role));
        return options;
    }

    private static void ReadSecrets(SpApiEmulatorOptions options, string path)
    {
        var secrets = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build().GetSection("sp-api");
        options.LwaClientId = secrets["lwaClientId"] ?? throw new ArgumentException($"{path}: sp-api.lwaClientId is missing.");
        options.LwaClientSecret = secrets["lwaClientSecret"] ?? throw new ArgumentException($"{path}: sp-api.lwaClientSecret is missing.");
        options.RefreshTokens = [secrets["refreshToken"] ?? throw new ArgumentException($"{path}: sp-api.refreshToken is missing.")];
    }

    private static double? Number(IConfiguration config, string key) =>
        config[key] is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
