namespace FbaMesh.DaprEmulator.State;

/// <summary>A state component as the sidecars' state API uses it; keys arrive already prefixed.</summary>
internal interface IStateStore
{
    string Name { get; }

    StoredItem? Get(string key);

    /// <summary>SaveState, DeleteState and DeleteBulkState: the writes of one call.</summary>
    void Save(IReadOnlyList<StateWrite> writes);

    /// <summary>ExecuteStateTransaction.</summary>
    void Transact(IReadOnlyList<StateWrite> writes);

    /// <summary>Every key with its value as UTF-8 text, for inspection.</summary>
    IReadOnlyDictionary<string, string> Snapshot();
}

/// <summary>Dapr's ETagError of kind invalid: an ETag the store cannot read (daprd answers INVALID_ARGUMENT).</summary>
internal sealed class ETagInvalidException(string reason) : Exception("invalid etag value: " + reason);

/// <summary>A write the store refused for another reason than an ETag (daprd answers INTERNAL).</summary>
internal sealed class StateWriteException(string reason) : Exception(reason);
