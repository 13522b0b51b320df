namespace FbaMesh.FbaSubmitter.Credentials;

/// <summary>Turns the keys of the sp-api secret into credentials, or into a sentence an operator can act on.</summary>
internal static class SecretReading
{
    public static readonly string[] RequiredKeys = ["lwaClientId", "lwaClientSecret", "refreshToken"];

    /// <summary>The seed's IAM fields: SP-API stopped requiring IAM roles and Signature Version 4 on 2023-10-02.</summary>
    public static readonly string[] IgnoredKeys = ["awsAccessKeyId", "awsSecretAccessKey", "roleArn"];

    public static (SpApiCredentials? Credentials, string? Problem) Read(IReadOnlyDictionary<string, string> secret, string store, string name)
    {
        var missing = RequiredKeys.Where(k => !secret.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        if (missing.Count > 0)
        {
            return (null, $"Secret '{name}' in store '{store}' lacks {string.Join(", ", missing)}: " +
                $"add {string.Join(", ", missing.Select(k => $"{name}:{k}"))} (Login with Amazon app client and the seller's refresh token).");
        }

        return (new SpApiCredentials(secret["lwaClientId"].Trim(), secret["lwaClientSecret"].Trim(), secret["refreshToken"].Trim()), null);
    }

    public static bool HasIgnoredKeys(IReadOnlyDictionary<string, string> secret) => IgnoredKeys.Any(secret.ContainsKey);
}
