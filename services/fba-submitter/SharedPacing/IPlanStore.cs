namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>Where the shared plan records live; every write is conditional on the ETag that was read.</summary>
internal interface IPlanStore
{
    Task<VersionedPlan> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes when the stored ETag still is <paramref name="etag"/> (null: only when absent); false on a conflict.</summary>
    Task<bool> TrySaveAsync(string key, PlanRecord record, string? etag, CancellationToken cancellationToken);
}
