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
/// unknown (timeout, reset, 5xx, "already exists") is confirmed with getFulfillmentOrder before any
/// retry; concurrent submits of one id in this process share one run.
/// </summary>
internal sealed partial class FulfillmentOrderSubmitter(
    SpApiCaller caller,
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

            if (!reply.OutcomeUnknown && !AmazonAnswers.AlreadyExists(reply))
            {
                throw Rejected(reply);
            }

            LogConfirming(id, reply.DescribeCodes());
            if (await ExistsAsync(id, reply, budget))
            {
                return SubmitOutcome.AlreadyExists;
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

    private async Task<bool> ExistsAsync(string id, SpApiReply unknown, CallBudget budget)
    {
        SpApiReply found;
        try
        {
            found = await caller.SendAsync(SpApiOperation.GetFulfillmentOrder, HttpMethod.Get, FulfillmentOrderPaths.Order(id), null, budget, idempotent: true);
        }
        catch (SpApiFailure f) when (f.Code is StatusCode.Unavailable or StatusCode.ResourceExhausted)
        {
            throw new SpApiFailure(f.Code,
                $"The create of '{id}' ended with {unknown.Describe()} and confirming it with getFulfillmentOrder failed ({f.Message}). " +
                "Whether Amazon holds the order is unknown; submitting again is safe (a duplicate answers ALREADY_EXISTS).", f.AmazonErrors)
            {
                Reason = FailureReasons.OutcomeUnknown,
                RetryAfter = f.RetryAfter,
            };
        }

        if (found.IsSuccess)
        {
            return true;
        }

        if (AmazonAnswers.NotFound(found))
        {
            return false;
        }

        throw new SpApiFailure(StatusCode.Unavailable,
            $"Confirming the create of '{id}' with getFulfillmentOrder answered {found.Describe()}.", AmazonErrorBody.ToProto(found.Status, found.Errors))
        {
            Reason = FailureReasons.OutcomeUnknown,
        };
    }

    private static SpApiFailure Rejected(SpApiReply reply) => new(
        reply.Status == 400 ? StatusCode.InvalidArgument : StatusCode.FailedPrecondition,
        $"Amazon rejected createFulfillmentOrder with HTTP {reply.Status}: {AmazonErrorBody.Describe(reply.Errors)}",
        AmazonErrorBody.ToProto(reply.Status, reply.Errors));

    [LoggerMessage(Level = LogLevel.Information, Message = "Fulfillment order {SellerFulfillmentOrderId} submitted: {Outcome}")]
    private partial void LogSubmitted(string sellerFulfillmentOrderId, SubmitOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fulfillment order {SellerFulfillmentOrderId} not submitted: {Code} (Amazon HTTP {AmazonStatus} {AmazonCodes})")]
    private partial void LogFailed(string sellerFulfillmentOrderId, StatusCode code, int amazonStatus, string amazonCodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Create of {SellerFulfillmentOrderId} ended with {Reason}; confirming with getFulfillmentOrder before any retry")]
    private partial void LogConfirming(string sellerFulfillmentOrderId, string reason);
}
