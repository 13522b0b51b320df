using Dapr.Client;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>
/// The plan records in a Dapr state store through the submitter's sidecar: first-write concurrency with
/// the ETag read, which every Dapr state store supports, so no new infrastructure is needed.
/// </summary>
internal sealed class DaprPlanStore(DaprClient dapr, IOptions<SharedPacingOptions> options) : IPlanStore
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    private readonly string storeName = options.Value.StoreName;

    public async Task<VersionedPlan> GetAsync(string key, CancellationToken cancellationToken)
    {
        var (record, etag) = await dapr.GetStateAndETagAsync<PlanRecord>(storeName, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return new VersionedPlan(record, string.IsNullOrEmpty(etag) ? null : etag);
    }

    public Task<bool> TrySaveAsync(string key, PlanRecord record, string? etag, CancellationToken cancellationToken) =>
        // An empty ETag with first-write means "only if the key does not exist yet".
        dapr.TrySaveStateAsync(storeName, key, record, etag ?? "", FirstWrite, cancellationToken: cancellationToken);
}
