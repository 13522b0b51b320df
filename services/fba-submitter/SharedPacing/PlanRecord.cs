namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>
/// One operation's usage plan as every replica sees it (fbamesh-state, key spapi-plan-{seller}-{operation}).
/// <see cref="NextFree"/> is GCRA's theoretical arrival time: the plan is spent up to that moment. A
/// lower rate Amazon reported (x-amzn-RateLimit-Limit) is kept with the time it was last seen.
/// </summary>
internal sealed record PlanRecord(DateTimeOffset NextFree, double? ObservedRate = null, DateTimeOffset? ObservedAt = null);

/// <summary>A record with the ETag it was read with; ETag null when the key does not exist yet.</summary>
internal sealed record VersionedPlan(PlanRecord? Record, string? ETag);
