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

/// <summary>One page of the orders connection, oldest first: the order ids and where the next page starts.</summary>
public sealed record CoreApiOrderPage(IReadOnlyList<string> OrderIds, bool HasNextPage, string? EndCursor);

/// <summary>What a listing call gave.</summary>
public abstract record CoreApiListing
{
    public sealed record Read(CoreApiOrderPage Page) : CoreApiListing;

    /// <summary>As <see cref="CoreApiOutcome.Failed"/>: FbaMesh's wording with status and error codes only.</summary>
    public sealed record Failed(string Reason, bool Transient) : CoreApiListing;
}
