using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;

namespace FbaMesh.DaprEmulator.Secrets;

/// <summary>The secrets API of one sidecar: its visible local-file stores filtered by its Configuration's scopes.</summary>
internal static class SecretCalls
{
    public static GetSecretResponse GetSecret(this EmulatedSidecar sidecar, GetSecretRequest request)
    {
        var store = sidecar.SecretStore(request.StoreName);
        if (!sidecar.SecretAllowed(request.StoreName, request.Key))
        {
            throw new DaprApiException(StatusCode.PermissionDenied, 403, "ERR_PERMISSION_DENIED", $"access denied by policy to get \"{request.Key}\" from \"{request.StoreName}\"");
        }

        var values = Read(request, () => store.Get(request.Key))
            ?? throw new DaprApiException(StatusCode.Internal, 500, "ERR_SECRET_GET", $"failed getting secret with key {request.Key} from secret store {request.StoreName}: secret {request.Key} not found");
        var response = new GetSecretResponse();
        response.Data.Add(new Dictionary<string, string>(values));
        return response;
    }

    public static GetBulkSecretResponse GetBulkSecret(this EmulatedSidecar sidecar, GetBulkSecretRequest request)
    {
        var store = sidecar.SecretStore(request.StoreName);
        var response = new GetBulkSecretResponse();
        // daprd leaves out, without an error, every secret the app's scopes do not allow.
        foreach (var (key, values) in Read(new GetSecretRequest { StoreName = request.StoreName, Key = "*" }, store.ReadAll).Where(s => sidecar.SecretAllowed(request.StoreName, s.Key)))
        {
            var secret = new SecretResponse();
            secret.Secrets.Add(new Dictionary<string, string>(values));
            response.Data.Add(key, secret);
        }

        return response;
    }

    private static T Read<T>(GetSecretRequest request, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            // The reason names the file problem, never a value: the file may hold real credentials.
            throw new DaprApiException(StatusCode.Internal, 500, "ERR_SECRET_GET", $"failed getting secret with key {request.Key} from secret store {request.StoreName}: {ex.GetType().Name} reading the secrets file");
        }
    }

    private static bool SecretAllowed(this EmulatedSidecar sidecar, string store, string key) =>
        !sidecar.SecretScopes.TryGetValue(store, out var scope) || scope.Allows(key);

    private static LocalFileSecretStore SecretStore(this EmulatedSidecar sidecar, string name)
    {
        if (sidecar.SecretStores.Count == 0)
        {
            throw new DaprApiException(StatusCode.FailedPrecondition, 500, "ERR_SECRET_STORES_NOT_CONFIGURED", "secret store is not configured");
        }

        return sidecar.SecretStores.GetValueOrDefault(name)
            ?? throw new DaprApiException(StatusCode.InvalidArgument, 401, "ERR_SECRET_STORE_NOT_FOUND", $"failed finding secret store with key {name}");
    }
}
