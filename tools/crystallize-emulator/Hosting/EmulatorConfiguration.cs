using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace FbaMesh.CrystallizeEmulator.Hosting;

/// <summary>
/// Options for the emulator process from appsettings, environment (<c>CrystallizeEmulator__…</c>) and
/// the command line, with a <c>--secrets-file</c> that reads the <c>crystallize</c> secret of a Dapr
/// local-file secret store, so the emulator and the services share one set of dev credentials.
/// </summary>
public static class EmulatorConfiguration
{
    private const string Prefix = CrystallizeEmulatorOptions.Section + ":";

    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--fixtures"] = Prefix + nameof(CrystallizeEmulatorOptions.FixturesPath),
        ["--secrets-file"] = Prefix + "SecretsFile",
        ["--tenant"] = Prefix + nameof(CrystallizeEmulatorOptions.TenantIdentifier),
        ["--readable-after-reads"] = Prefix + nameof(CrystallizeEmulatorOptions.ReadableAfterReads),
        ["--readable-after"] = Prefix + nameof(CrystallizeEmulatorOptions.ReadableAfter),
    };

    public static CrystallizeEmulatorOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(CrystallizeEmulatorOptions.Section);
        var options = new CrystallizeEmulatorOptions { FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath };
        section.Bind(options);
        if (section["SecretsFile"] is { Length: > 0 } secretsFile)
        {
            ApplySecretsFile(options, secretsFile);
        }

        // "--fixtures none" starts with an empty store.
        if (string.Equals(options.FixturesPath, "none", StringComparison.OrdinalIgnoreCase) || options.FixturesPath?.Length == 0)
        {
            options.FixturesPath = null;
        }

        return options;
    }

    /// <summary>
    /// Takes the secrets <c>crystallize-webhook</c> (signature secret) and <c>crystallize-api</c> (access
    /// token, tenant), nested or flattened with Dapr's default <c>:</c> separator.
    /// </summary>
    public static void ApplySecretsFile(CrystallizeEmulatorOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"The secrets file {path} is not a JSON object.");
        string? Value(string secret, string key) =>
            (root[secret] as JsonObject)?[key]?.GetValue<string>() ?? root[$"{secret}:{key}"]?.GetValue<string>();

        options.SignatureSecret = Value("crystallize-webhook", "signatureSecret") ?? options.SignatureSecret;
        options.AccessTokenId = Value("crystallize-api", "accessTokenId") ?? options.AccessTokenId;
        options.AccessTokenSecret = Value("crystallize-api", "accessTokenSecret") ?? options.AccessTokenSecret;
        options.TenantIdentifier = Value("crystallize-api", "tenantIdentifier") ?? Value("crystallize-webhook", "tenantIdentifier") ?? options.TenantIdentifier;
    }
}
