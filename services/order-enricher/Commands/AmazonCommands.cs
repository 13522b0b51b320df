using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Submitter;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>What Amazon said to a cancel.</summary>
internal abstract record CancelAnswer
{
    /// <summary>Cancelled now or before (a repeat).</summary>
    public sealed record Cancelled : CancelAnswer;

    /// <summary>Amazon is past Planning; <see cref="AmazonStatus"/> says where.</summary>
    public sealed record TooLate(string AmazonStatus) : CancelAnswer;

    /// <summary>Amazon holds no order with this id: nothing there to ship.</summary>
    public sealed record NotAtAmazon : CancelAnswer;

    public sealed record Transient(string Message) : CancelAnswer;

    public sealed record Refused(string ReasonCode, string Message) : CancelAnswer;
}

/// <summary>What Amazon said to a release (updateFulfillmentOrder with Ship).</summary>
internal abstract record ReleaseAnswer
{
    public sealed record Released : ReleaseAnswer;

    /// <summary>The order already had fulfillmentAction Ship: it was not on hold.</summary>
    public sealed record NotOnHold : ReleaseAnswer;

    public sealed record NotAtAmazon : ReleaseAnswer;

    public sealed record Transient(string Message) : ReleaseAnswer;

    public sealed record Refused(string ReasonCode, string Message) : ReleaseAnswer;
}

/// <summary>What Amazon's preview said.</summary>
internal abstract record PreviewAnswer
{
    public sealed record Fulfillable : PreviewAnswer;

    /// <summary>Amazon's unfulfillable reason codes: for the order, and per SKU as "SKU: code".</summary>
    public sealed record NotFulfillable(IReadOnlyList<string> ReasonCodes) : PreviewAnswer;

    public sealed record Transient(string Message) : PreviewAnswer;

    public sealed record Refused(string ReasonCode, string Message) : PreviewAnswer;
}

/// <summary>The shop's commands as the enricher asks Amazon for them (through fba-submitter); a seam for tests.</summary>
internal interface IAmazonCommands
{
    Task<CancelAnswer> CancelAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken);

    Task<ReleaseAnswer> ReleaseAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken);

    Task<PreviewAnswer> PreviewAsync(SubmitFulfillmentOrderRequest order, CancellationToken cancellationToken);
}

/// <summary>
/// The submitter's CancelFulfillmentOrder, UpdateFulfillmentOrder and GetFulfillmentPreview through this
/// app's sidecar. The submitter confirms unknown outcomes with getFulfillmentOrder, so a repeat is safe.
/// </summary>
internal sealed class SubmitterAmazonCommands(
    FulfillmentOrders.FulfillmentOrdersClient client, IOptions<SubmitterOptions> options, TimeProvider time) : IAmazonCommands
{
    public async Task<CancelAnswer> CancelAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.CancelFulfillmentOrderAsync(
                new CancelFulfillmentOrderRequest { SellerFulfillmentOrderId = sellerFulfillmentOrderId }, deadline: Deadline(), cancellationToken: cancellationToken);
            return answer.Outcome switch
            {
                CancelOutcome.Cancelled or CancelOutcome.AlreadyCancelled => new CancelAnswer.Cancelled(),
                CancelOutcome.TooLate => new CancelAnswer.TooLate(answer.FulfillmentOrderStatus),
                _ => new CancelAnswer.Transient($"The submitter answered the cancel with outcome {answer.Outcome}."),
            };
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex.StatusCode == StatusCode.NotFound
                ? new CancelAnswer.NotAtAmazon()
                : FulfillmentSubmitter.FromStatus(ex.Status) switch
                {
                    SubmitResult.Rejected r => new CancelAnswer.Refused(r.ReasonCode, r.Message),
                    var other => new CancelAnswer.Transient(((SubmitResult.Transient)other).Message),
                };
        }
    }

    public async Task<ReleaseAnswer> ReleaseAsync(string sellerFulfillmentOrderId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.UpdateFulfillmentOrderAsync(
                new UpdateFulfillmentOrderRequest { SellerFulfillmentOrderId = sellerFulfillmentOrderId, FulfillmentAction = FulfillmentAction.Ship },
                deadline: Deadline(), cancellationToken: cancellationToken);
            return answer.Outcome switch
            {
                UpdateOutcome.Updated => new ReleaseAnswer.Released(),
                UpdateOutcome.AlreadyApplied => new ReleaseAnswer.NotOnHold(),
                _ => new ReleaseAnswer.Transient($"The submitter answered the release with outcome {answer.Outcome}."),
            };
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ex.StatusCode == StatusCode.NotFound
                ? new ReleaseAnswer.NotAtAmazon()
                : FulfillmentSubmitter.FromStatus(ex.Status) switch
                {
                    SubmitResult.Rejected r => new ReleaseAnswer.Refused(r.ReasonCode, r.Message),
                    var other => new ReleaseAnswer.Transient(((SubmitResult.Transient)other).Message),
                };
        }
    }

    public async Task<PreviewAnswer> PreviewAsync(SubmitFulfillmentOrderRequest order, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.GetFulfillmentPreviewAsync(
                new GetFulfillmentPreviewRequest { Order = order }, deadline: Deadline(), cancellationToken: cancellationToken);
            if (answer.Fulfillable)
            {
                return new PreviewAnswer.Fulfillable();
            }

            var codes = answer.OrderUnfulfillableReasons
                .Concat(answer.UnfulfillableItems.SelectMany(i => i.Reasons.Select(r => $"{i.SellerSku}: {r}")))
                .ToList();
            return new PreviewAnswer.NotFulfillable(codes);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return FulfillmentSubmitter.FromStatus(ex.Status) switch
            {
                SubmitResult.Rejected r => new PreviewAnswer.Refused(r.ReasonCode, r.Message),
                var other => new PreviewAnswer.Transient(((SubmitResult.Transient)other).Message),
            };
        }
    }

    private DateTime Deadline() => time.GetUtcNow().UtcDateTime + options.Value.Deadline;
}
