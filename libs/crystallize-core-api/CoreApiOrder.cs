namespace FbaMesh.Crystallize.CoreApi;

/// <summary>The parts of a Crystallize order FbaMesh writes: its meta and its pipeline stages.</summary>
public sealed record CoreApiOrder(string Id, IReadOnlyList<MetaEntry> Meta, IReadOnlyList<PipelineStage> Pipelines)
{
    public string? MetaValue(string key) => Meta.FirstOrDefault(m => m.Key == key)?.Value;

    public bool IsInStage(string pipelineId, string stageId) =>
        Pipelines.Any(p => p.PipelineId == pipelineId && p.StageId == stageId);
}

/// <summary>One meta key of an order (Crystallize's KeyValuePair); a value may be null.</summary>
public sealed record MetaEntry(string Key, string? Value);

/// <summary>The stage an order is in within one pipeline.</summary>
public sealed record PipelineStage(string PipelineId, string StageId);

/// <summary>What a Core API call gave.</summary>
public abstract record CoreApiOutcome
{
    /// <summary>The order as it is now; <see cref="Changed"/> says whether this call wrote anything.</summary>
    public sealed record Done(CoreApiOrder Order, bool Changed) : CoreApiOutcome;

    /// <summary>Crystallize has no order with this id.</summary>
    public sealed record NotFound : CoreApiOutcome;

    /// <summary>
    /// The call failed; <see cref="Transient"/> says whether trying again later may succeed. The reason
    /// is FbaMesh's wording with status codes and GraphQL error codes only, never a value from the order.
    /// </summary>
    public sealed record Failed(string Reason, bool Transient) : CoreApiOutcome;
}
