using Dapr.Client.Autogen.Grpc.v1;
using FbaMesh.DaprEmulator.Resources;
using Google.Protobuf;
using Grpc.Core;
using StatusCode = Grpc.Core.StatusCode;

namespace FbaMesh.DaprEmulator.State;

/// <summary>The state API of one sidecar over the shared in-memory stores, with daprd's errors.</summary>
internal static class StateCalls
{
    public static GetStateResponse GetState(this EmulatedSidecar sidecar, GetStateRequest request)
    {
        var (store, component) = sidecar.Store(request.StoreName);
        var item = Read(store, PrefixedKey(sidecar, component, request.Key), request.StoreName);
        return item is null ? new GetStateResponse() : new GetStateResponse { Data = ByteString.CopyFrom(item.Value), Etag = item.ETag };
    }

    public static GetBulkStateResponse GetBulkState(this EmulatedSidecar sidecar, GetBulkStateRequest request)
    {
        var (store, component) = sidecar.Store(request.StoreName);
        var response = new GetBulkStateResponse();
        foreach (var key in request.Keys)
        {
            var item = Read(store, PrefixedKey(sidecar, component, key), request.StoreName);
            response.Items.Add(item is null
                ? new BulkStateItem { Key = key }
                : new BulkStateItem { Key = key, Data = ByteString.CopyFrom(item.Value), Etag = item.ETag });
        }

        return response;
    }

    public static void SaveState(this EmulatedSidecar sidecar, SaveStateRequest request)
    {
        var (store, component) = sidecar.Store(request.StoreName);
        var writes = request.States.Select(s => Write(sidecar, component, s, delete: false)).ToList();
        Apply(() => store.Save(writes), () => $"failed saving state in state store {request.StoreName}", StatusCode.Aborted);
    }

    public static void DeleteState(this EmulatedSidecar sidecar, DeleteStateRequest request)
    {
        var (store, component) = sidecar.Store(request.StoreName);
        var item = new StateItem { Key = request.Key, Etag = request.Etag, Options = request.Options };
        Apply(() => store.Save([Write(sidecar, component, item, delete: true)]), () => $"failed deleting state with key {request.Key}", StatusCode.Aborted);
    }

    public static void DeleteBulkState(this EmulatedSidecar sidecar, DeleteBulkStateRequest request)
    {
        var (store, component) = sidecar.Store(request.StoreName);
        var writes = request.States.Select(s => Write(sidecar, component, s, delete: true)).ToList();
        Apply(() => store.Save(writes), () => $"failed deleting state in state store {request.StoreName}", StatusCode.Aborted);
    }

    public static void ExecuteTransaction(this EmulatedSidecar sidecar, ExecuteStateTransactionRequest request)
    {
        var (store, component) = sidecar.Store(request.StoreName);
        var writes = request.Operations.Select(op => op.OperationType switch
        {
            "upsert" => Write(sidecar, component, op.Request, delete: false),
            "delete" => Write(sidecar, component, op.Request, delete: true),
            var other => throw new DaprApiException(StatusCode.Unimplemented, 400, "ERR_NOT_SUPPORTED_STATE_OPERATION", $"operation type {other} not supported"),
        }).ToList();
        // daprd answers a failed transaction with INTERNAL, ETag mismatch included (only single calls map it to ABORTED).
        Apply(() => store.Transact(writes), () => "error while executing state transaction", StatusCode.Internal);
    }

    private static StoredItem? Read(IStateStore store, string key, string storeName)
    {
        try
        {
            return store.Get(key);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            throw new DaprApiException(StatusCode.Internal, 500, "ERR_STATE_GET", $"fail to get {key} from state store {storeName}: {ex.GetType().Name}");
        }
    }

    private static void Apply(Action apply, Func<string> context, StatusCode mismatchStatus)
    {
        try
        {
            apply();
        }
        catch (ETagMismatchException ex)
        {
            throw new DaprApiException(mismatchStatus, 409, "ERR_STATE_SAVE", $"{context()}: {ex.Message}");
        }
        catch (ETagInvalidException ex)
        {
            throw new DaprApiException(StatusCode.InvalidArgument, 400, "ERR_STATE_SAVE", $"{context()}: {ex.Message}");
        }
        catch (StateWriteException ex)
        {
            throw new DaprApiException(StatusCode.Internal, 500, "ERR_STATE_SAVE", $"{context()}: {ex.Message}");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The store is unreachable: daprd answers INTERNAL with the store's error; the write may not have happened.
            throw new DaprApiException(StatusCode.Internal, 500, "ERR_STATE_SAVE", $"{context()}: {ex.GetType().Name}");
        }
    }

    private static StateWrite Write(EmulatedSidecar sidecar, ComponentSpec component, StateItem item, bool delete)
    {
        var firstWrite = item.Options?.Concurrency == StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite;
        var lastWrite = item.Options?.Concurrency == StateOptions.Types.StateConcurrency.ConcurrencyLastWrite;
        var contentType = item.Metadata.TryGetValue("contentType", out var ct) ? ct : null;
        return new StateWrite(PrefixedKey(sidecar, component, item.Key), delete ? null : item.Value.ToByteArray(), item.Etag?.Value, firstWrite, contentType, lastWrite);
    }

    /// <summary>daprd's keyPrefix: appid (default) → "app||key", name → "store||key", none → key, other → "other||key".</summary>
    internal static string PrefixedKey(EmulatedSidecar sidecar, ComponentSpec component, string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new DaprApiException(StatusCode.InvalidArgument, 400, "ERR_MALFORMED_REQUEST", "key is empty");
        }

        if (key.Contains("||", StringComparison.Ordinal))
        {
            throw new DaprApiException(StatusCode.InvalidArgument, 400, "ERR_MALFORMED_REQUEST", $"input key/keyPrefix '{key}' can't contain '||'");
        }

        var prefix = component.Value("keyPrefix") ?? "appid";
        return prefix.ToLowerInvariant() switch
        {
            "appid" => $"{sidecar.AppId}||{key}",
            "name" => $"{component.Name}||{key}",
            "none" => key,
            _ => $"{prefix}||{key}",
        };
    }

    internal static (IStateStore Store, ComponentSpec Component) Store(this EmulatedSidecar sidecar, string name)
    {
        if (!sidecar.HasComponents("state"))
        {
            throw new DaprApiException(StatusCode.FailedPrecondition, 500, "ERR_STATE_STORE_NOT_CONFIGURED", "state store is not configured");
        }

        var component = sidecar.Component(name, "state")
            ?? throw new DaprApiException(StatusCode.InvalidArgument, 400, "ERR_STATE_STORE_NOT_FOUND", $"state store {name} is not found");
        return (sidecar.Shared.StateStore(component), component);
    }
}
