using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>One write to an existing fulfillment order (cancel, update), as Amazon's operation and path.</summary>
internal sealed record OrderWrite(SpApiOperation Operation, string AmazonName, string Path, string? JsonBody, string RefusedReason);

/// <summary>
/// A write to an existing fulfillment order that Amazon may answer ambiguously. A 200 is done; any other
/// answer (a 400 of any wording, a 5xx, a timeout) is decided by reading the order with getFulfillmentOrder:
/// the caller's <c>settle</c> says whether the order already shows the write's effect (or shows it can never
/// happen). A write whose outcome was unknown is sent again, with backoff, until the call deadline; one that
/// Amazon refused while the order still lacks the effect is FAILED_PRECONDITION with Amazon's codes.
/// </summary>
internal sealed class ConfirmedWrite(SpApiCaller caller, FulfillmentOrderLookup lookup, IOptions<SpApiOptions> options)
{
    /// <param name="settle">Given the order read after a non-200 answer and whether that answer's outcome was
    /// unknown: the result when the order is settled, or null when it still lacks the write's effect.</param>
    /// <param name="stillPending">The UNAVAILABLE message, from the last answer and the order as read, when the deadline leaves no time to write again.</param>
    public async Task<T> SendAsync<T>(
        string id, OrderWrite write, CallBudget budget, Func<T> written,
        Func<GetFulfillmentOrderResponse, bool, T?> settle, Func<SpApiReply, GetFulfillmentOrderResponse, string> stillPending)
        where T : struct
    {
        for (var round = 0; ; round++)
        {
            var reply = await caller.SendAsync(write.Operation, HttpMethod.Put, write.Path, write.JsonBody, budget, idempotent: false);
            if (reply.IsSuccess)
            {
                return written();
            }

            if (reply.Status == 404)
            {
                throw FulfillmentOrderLookup.NotFound(id, reply);
            }

            if (!reply.OutcomeUnknown && reply.Status != 400)
            {
                throw AmazonAnswers.Failure(reply, write.AmazonName, $"'{id}'", StatusCode.FailedPrecondition, FailureReasons.AmazonRejected);
            }

            var order = await lookup.ConfirmAsync(id, $"The {write.AmazonName} of '{id}' ended with {reply.Describe()}", budget)
                ?? throw FulfillmentOrderLookup.NotFound(id, reply);
            if (settle(order, reply.OutcomeUnknown) is { } settled)
            {
                return settled;
            }

            if (!reply.OutcomeUnknown)
            {
                // Amazon refused while the order still lacks the effect: its codes say why.
                throw AmazonAnswers.Failure(reply, write.AmazonName, $"'{id}' (Amazon status {order.FulfillmentOrderStatus})",
                    StatusCode.FailedPrecondition, write.RefusedReason);
            }

            var o = options.Value;
            if (!await budget.WaitAsync(Backoff.Delay(round, o.InitialBackoff, o.MaxBackoff, Random.Shared)))
            {
                throw new SpApiFailure(StatusCode.Unavailable, stillPending(reply, order))
                {
                    Reason = FailureReasons.OutcomeUnknown,
                    RetryAfter = o.MaxBackoff,
                };
            }
        }
    }
}
