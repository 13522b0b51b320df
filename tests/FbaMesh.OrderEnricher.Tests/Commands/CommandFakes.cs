using System.Collections.Concurrent;
using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Commands;

namespace FbaMesh.OrderEnricher.Tests.Commands;

/// <summary>Amazon as the commands see it: answers as the test says and records every call.</summary>
internal sealed class FakeAmazonCommands : IAmazonCommands
{
    public ConcurrentQueue<(string Operation, string SellerFulfillmentOrderId)> Calls { get; } = new();

    public ConcurrentDictionary<string, Func<CancelAnswer>> CancelAnswers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Func<ReleaseAnswer>> ReleaseAnswers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, PreviewAnswer> PreviewAnswers { get; } = new(StringComparer.Ordinal);

    public int Count(string operation, string id) => Calls.Count(c => c.Operation == operation && c.SellerFulfillmentOrderId == id);

    public Task<CancelAnswer> CancelAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("cancel", sellerFulfillmentOrderId));
        return Task.FromResult(CancelAnswers.TryGetValue(sellerFulfillmentOrderId, out var answer) ? answer() : new CancelAnswer.Cancelled());
    }

    public Task<ReleaseAnswer> ReleaseAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("release", sellerFulfillmentOrderId));
        return Task.FromResult(ReleaseAnswers.TryGetValue(sellerFulfillmentOrderId, out var answer) ? answer() : new ReleaseAnswer.Released());
    }

    public Task<PreviewAnswer> PreviewAsync(SubmitFulfillmentOrderRequest order, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("preview", order.SellerFulfillmentOrderId));
        return Task.FromResult(PreviewAnswers.GetValueOrDefault(order.SellerFulfillmentOrderId, new PreviewAnswer.Fulfillable()));
    }
}

/// <summary>The shop as the commands tell it: records each report, and can hold one while a test acts.</summary>
internal sealed class RecordingShopFeedback : IShopFeedback
{
    private readonly ConcurrentDictionary<string, Func<Task>> holds = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string OrderId, string Outcome, string? AmazonStatus)> Reports { get; } = new();

    public async Task<bool> ReportCancelAsync(string orderId, string? sellerFulfillmentOrderId, string outcome, string? amazonStatus, CancellationToken cancellationToken)
    {
        Reports.Enqueue((orderId, outcome, amazonStatus));
        if (this.holds.TryRemove(orderId, out var hold))
        {
            await hold();
        }

        return true;
    }

    /// <summary>The next report for <paramref name="orderId"/> signals when it is being written and finishes only when released.</summary>
    public (TaskCompletionSource Reporting, TaskCompletionSource MayFinish) HoldNextReport(string orderId)
    {
        var reporting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        this.holds[orderId] = async () =>
        {
            reporting.TrySetResult();
            await mayFinish.Task;
        };
        return (reporting, mayFinish);
    }

    public IReadOnlyList<string> For(string orderId) => [.. Reports.Where(r => r.OrderId == orderId).Select(r => r.Outcome)];
}
