using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Credentials;

/// <summary>
/// The secret sp-api (DESIGN §4): the Login with Amazon app client and the seller's refresh token, or a
/// sentence an operator can act on. Read by the shared reader, kept fresh in the background.
/// </summary>
internal sealed partial class SpApiSecret(IOptions<SpApiOptions> options, ILogger<SpApiSecret> logger) : ISecretDefinition<SpApiCredentials>
{
    public static readonly string[] RequiredKeys = ["lwaClientId", "lwaClientSecret", "refreshToken"];

    /// <summary>The seed's IAM fields: SP-API stopped requiring IAM roles and Signature Version 4 on 2023-10-02.</summary>
    public static readonly string[] IgnoredKeys = ["awsAccessKeyId", "awsSecretAccessKey", "roleArn"];

    private int warnedAboutAwsKeys;

    public SecretReaderSettings Settings { get; } = SecretReaderSettings.For(options.Value, options.Value.AttemptTimeout);

    public SecretParse<SpApiCredentials> Parse(IReadOnlyDictionary<string, string> keys)
    {
        var name = Settings.Name;
        var missing = RequiredKeys.Where(k => !keys.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        if (missing.Count > 0)
        {
            return SecretParse<SpApiCredentials>.Missing($"Secret '{name}' in store '{Settings.Store}' lacks {string.Join(", ", missing)}: " +
                $"add {string.Join(", ", missing.Select(k => $"{name}:{k}"))} (Login with Amazon app client and the seller's refresh token).");
        }

        if (IgnoredKeys.Any(keys.ContainsKey) && Interlocked.Exchange(ref warnedAboutAwsKeys, 1) == 0)
        {
            LogAwsKeysIgnored();
        }

        return SecretParse<SpApiCredentials>.Found(new SpApiCredentials(keys["lwaClientId"].Trim(), keys["lwaClientSecret"].Trim(), keys["refreshToken"].Trim()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sp-api secret holds awsAccessKeyId/awsSecretAccessKey/roleArn: they are ignored, SP-API has not required IAM or Signature Version 4 since 2023-10-02.")]
    private partial void LogAwsKeysIgnored();
}
