using FbaMesh.Contracts;
using FbaMesh.Crystallize.CoreApi;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Sweep;

/// <summary>
/// Pages of Crystallize's recently created orders for the sweep, through the shared Core API client
/// (CrystallizeCoreApi:Url and the crystallize-api secret, as the shop's commands use them).
/// </summary>
internal sealed class CrystallizeOrderList(CoreApiClient coreApi, IOptions<SweepOptions> options)
{
    public async Task<OrderListPage> PageAsync(DateTimeOffset createdFrom, string? after, CancellationToken cancellationToken) =>
        await coreApi.ListOrdersCreatedSinceAsync(createdFrom, options.Value.PageSize, after, cancellationToken) switch
        {
            CoreApiListing.Read { Page: var page } => new OrderListPage.Read([.. page.OrderIds.Where(OrderId.IsValid)], page.HasNextPage, page.EndCursor),
            CoreApiListing.Failed failed => new OrderListPage.Failed(failed.Reason),
            _ => throw new InvalidOperationException("Unknown listing answer."),
        };
}

/// <summary>A page read, or why not.</summary>
internal abstract record OrderListPage
{
    public sealed record Read(IReadOnlyList<string> OrderIds, bool HasNextPage, string? EndCursor) : OrderListPage;

    public sealed record Failed(string Message) : OrderListPage;
}
