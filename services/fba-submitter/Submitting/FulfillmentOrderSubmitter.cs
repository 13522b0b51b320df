using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Mapping;
using FbaMesh.FbaSubmitter.Observability;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>
/// Creates a fulfillment order at Amazon with an exactly-once effect. A create whose outcome is
/// unknown (timeout, reset, 5xx) or that Amazon answered 400 (in any words) is confirmed with
/// getFulfillmentOrder before it counts as created, rejected or to be retried; concurrent submits of
/// one id in this process share one run.
/// </summary>
internal sealed partial class FulfillmentOrderSubmitter(
    SpApiCaller caller,
    FulfillmentOrderLookup lookup,
    IOptions<SpApiOptions> options,
    TimeProvider time,
    SubmitterMetrics metrics,
    ILogger<FulfillmentOrderSubmitter> logger)
{
    private readonly SingleFlight<SubmitOutcome> flights = new();

    /// <summary>Submits waiting for Amazon right now (concurrent submits of one id count once per caller).</summary>
    public int Waiting => flights.Waiting;

    public Task<SubmitOutcome> SubmitAsync(SubmitFulfillmentOrderRequest request, CancellationToken callerGone) =>
        flights.RunAsync(request.SellerFulfillmentOrderId, () => SubmitOnceAsync(request), callerGone);

    private async Task<SubmitOutcome> SubmitOnceAsync(SubmitFulfillmentOrderRequest request)
    {
        using var budget = new CallBudget(options.Value.CallDeadline, time);
        try
        {
            var outcome = await CreateExactlyOnceAsync(request, budget);
            metrics.Create(outcome == SubmitOutcome.Created ? "created" : "already_exists");
            LogSubmitted(request.SellerFulfillmentOrderId, outcome);
            return outcome;
        }
        catch (SpApiFailure failure)
        {
            metrics.Create(failure.Code.ToString());
            // Amazon's codes only: its messages may quote the recipient's name or address.
            var codes = failure.AmazonErrors is { } errors ? string.Join(", ", errors.Errors.Select(e => e.Code)) : "";
            LogFailed(request.SellerFulfillmentOrderId, failure.Code, failure.AmazonErrors?.HttpStatus ?? 0, codes);
            throw;
        }
    }

    private async Task<SubmitOutcome> CreateExactlyOnceAsync(SubmitFulfillmentOrderRequest request, CallBudget budget)
    {
        var id = request.SellerFulfillmentOrderId;
        var body = ToAmazon.CreateBodyJson(request);
        for (var round = 0; ; round++)
        {
            var reply = await caller.SendAsync(SpApiOperation.CreateFulfillmentOrder, HttpMethod.Post, FulfillmentOrderPaths.Orders, body, budget, idempotent: false);
            if (reply.IsSuccess)
            {
                return SubmitOutcome.Created;
            }

            if (!reply.OutcomeUnknown && reply.Status != 400)
            {
                throw Rejected(reply);
            }

            // Any 400 is confirmed, whatever its wording: a create that lost a race with another create of
            // the same id (another replica, a redelivery) is refused in words FbaMesh cannot rely on, and
            // must not count as rejected when Amazon holds, or has even shipped, the order.
            LogConfirming(id, reply.DescribeCodes());
            if (await lookup.ConfirmAsync(id, $"The create of '{id}' ended with {reply.Describe()}", budget) is not null)
            {
                return SubmitOutcome.AlreadyExists;
            }

            if (!reply.OutcomeUnknown)
            {
                throw Rejected(reply);
            }

            var o = options.Value;
            if (!await budget.WaitAsync(Backoff.Delay(round, o.InitialBackoff, o.MaxBackoff, Random.Shared)))
            {
                throw new SpApiFailure(StatusCode.Unavailable,
                    $"Amazon has no order '{id}' after a create that ended with {reply.Describe()}, and the call deadline " +
                    "leaves no time to create it again. Submitting again is safe.")
                {
                    RetryAfter = o.MaxBackoff,
                };
            }
        }
    }

    private static SpApiFailure Rejected(SpApiReply reply) => new(
        reply.Status == 400 ? StatusCode.InvalidArgument : StatusCode.FailedPrecondition,
        $"Amazon rejected createFulfillmentOrder with HTTP {reply.Status}: {AmazonErrorBody.Describe(reply.Errors)}",
        AmazonErrorBody.ToProto(reply.Status, reply.Errors));

    [LoggerMessage(Level = LogLevel.Information, Message = "Fulfillment order {SellerFulfillmentOrderId} submitted: {Outcome}")]
    private partial void LogSubmitted(string sellerFulfillmentOrderId, SubmitOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fulfillment order {SellerFulfillmentOrderId} not submitted: {Code} (Amazon HTTP {AmazonStatus} {AmazonCodes})")]
    private partial void LogFailed(string sellerFulfillmentOrderId, StatusCode code, int amazonStatus, string amazonCodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Create of {SellerFulfillmentOrderId} ended with {Reason}; confirming with getFulfillmentOrder before deciding")]
    private partial void LogConfirming(string sellerFulfillmentOrderId, string reason);
}
