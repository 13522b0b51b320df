using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.Secrets;

/// <summary>
/// A Configuration's spec.secrets.scopes entry for one store, with Dapr's precedence: a non-empty
/// allowedSecrets list decides alone; otherwise a denied secret is denied; otherwise defaultAccess.
/// </summary>
internal sealed record SecretScope(string StoreName, bool DefaultAllow, IReadOnlyList<string> Allowed, IReadOnlyList<string> Denied)
{
    public bool Allows(string key)
    {
        if (Allowed.Count > 0)
        {
            return Allowed.Contains(key, StringComparer.Ordinal);
        }

        return !Denied.Contains(key, StringComparer.Ordinal) && DefaultAllow;
    }

    /// <summary>Reads the secret scopes of an app's Configuration file; no file means no scopes (all allowed).</summary>
    public static IReadOnlyDictionary<string, SecretScope> ReadConfiguration(string? path)
    {
        var scopes = new Dictionary<string, SecretScope>(StringComparer.Ordinal);
        if (path is null)
        {
            return scopes;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Dapr Configuration file '{path}' does not exist.", path);
        }

        foreach (var document in YamlDocuments.Read(path).Where(d => d.Text("kind") == "Configuration"))
        {
            foreach (var scope in document.Object("spec").Object("secrets").Items("scopes"))
            {
                var store = scope.Text("storeName") ?? throw new InvalidDataException($"{path}: a secret scope has no storeName.");
                var access = scope.Text("defaultAccess") ?? "allow";
                if (access is not ("allow" or "deny"))
                {
                    throw new InvalidDataException($"{path}: defaultAccess of '{store}' is '{access}', not allow or deny.");
                }

                scopes[store] = new SecretScope(store, access == "allow", scope.Strings("allowedSecrets"), scope.Strings("deniedSecrets"));
            }
        }

        return scopes;
    }
}
