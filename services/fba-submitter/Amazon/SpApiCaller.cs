using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Failures;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// Calls one SP-API operation until it has an answer worth returning, within the call's budget:
/// a fresh token once after 401/403, backoff with jitter after 429 (never processed, so always safe)
/// and, for idempotent operations only, after 5xx and transport faults. A create's unknown outcome
/// is handed back so the submitter can confirm it before any retry.
/// </summary>
internal sealed partial class SpApiCaller(
    SpApiTransport transport,
    LwaTokenClient tokens,
    IOptions<SpApiOptions> options,
    ILogger<SpApiCaller> logger)
{
    private readonly Random jitter = Random.Shared;

    internal async Task<SpApiReply> SendAsync(
        SpApiOperation operation, HttpMethod method, string path, string? jsonBody, CallBudget budget, bool idempotent)
    {
        var refreshedToken = false;
        var retries = 0;
        SpApiReply? last = null;
        while (true)
        {
            AccessToken token;
            try
            {
                token = await tokens.GetAsync(budget.Token);
            }
            catch (LwaRefusedException ex)
            {
                throw new SpApiFailure(StatusCode.Unauthenticated, ex.Message) { Reason = FailureReasons.LwaRefused };
            }
            catch (LwaUnavailableException ex)
            {
                await WaitOrFailAsync(budget, retries++, StatusCode.Unavailable, ex.Message);
                continue;
            }
            catch (OperationCanceledException) when (budget.Expired)
            {
                // A deadline that ends right after a backoff is still the backoff's story: say what Amazon last answered.
                throw last is { Throttled: true }
                    ? new SpApiFailure(StatusCode.ResourceExhausted, $"Amazon kept answering 429 to {operation} until the call deadline.", AmazonErrorBody.ToProto(last.Status, last.Errors))
                    {
                        RetryAfter = options.Value.MaxBackoff,
                    }
                    : new SpApiFailure(StatusCode.Unavailable, $"The call deadline passed while waiting for a Login with Amazon access token for {operation}.")
                    {
                        RetryAfter = options.Value.MaxBackoff,
                    };
            }

            SpApiReply reply;
            try
            {
                reply = await transport.SendOnceAsync(operation, method, path, jsonBody, token, budget);
            }
            catch (OperationCanceledException) when (budget.Expired)
            {
                throw new SpApiFailure(StatusCode.ResourceExhausted,
                    $"The call deadline passed while waiting for {operation} capacity (paced to Amazon's usage plan).")
                {
                    RetryAfter = options.Value.MaxBackoff,
                };
            }

            last = reply;
            if (reply.Status is 401 or 403 && !refreshedToken)
            {
                // An expired or revoked access token reads the same as a missing role: one fresh token tells them apart.
                tokens.Invalidate(token);
                refreshedToken = true;
                continue;
            }

            if (reply.Status == 403)
            {
                throw new SpApiFailure(StatusCode.PermissionDenied,
                    $"SP-API refused {operation} with a fresh access token (HTTP 403: {AmazonErrorBody.Describe(reply.Errors)}). " +
                    "The app most likely lacks the \"Amazon Fulfillment\" role: add it to the app in Seller Central / Developer Central " +
                    "and authorize the app again to get a new refresh token.",
                    AmazonErrorBody.ToProto(reply.Status, reply.Errors))
                {
                    Reason = FailureReasons.FulfillmentRoleMissing,
                };
            }

            if (reply.Status == 401)
            {
                throw new SpApiFailure(StatusCode.Unauthenticated,
                    $"SP-API refused the access token for {operation} even after a refresh (HTTP 401: {AmazonErrorBody.Describe(reply.Errors)}).",
                    AmazonErrorBody.ToProto(reply.Status, reply.Errors))
                {
                    Reason = FailureReasons.AccessTokenRefused,
                };
            }

            if (reply.Throttled)
            {
                LogThrottled(operation.ToString());
                await WaitOrFailAsync(budget, retries++, StatusCode.ResourceExhausted,
                    $"Amazon kept answering 429 to {operation} until the call deadline.", reply);
                continue;
            }

            if (reply.OutcomeUnknown && idempotent)
            {
                LogTransient(operation.ToString(), reply.DescribeCodes());
                await WaitOrFailAsync(budget, retries++, StatusCode.Unavailable,
                    $"SP-API {operation} did not succeed before the call deadline: last attempt {reply.Describe()}.", reply);
                continue;
            }

            return reply;
        }
    }

    private async Task WaitOrFailAsync(CallBudget budget, int retry, StatusCode code, string message, SpApiReply? last = null)
    {
        var o = options.Value;
        if (!await budget.WaitAsync(Backoff.Delay(retry, o.InitialBackoff, o.MaxBackoff, this.jitter)))
        {
            throw new SpApiFailure(code, message, last is { Fault: TransportFault.None } ? AmazonErrorBody.ToProto(last.Status, last.Errors) : null)
            {
                RetryAfter = o.MaxBackoff,
            };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SP-API throttled {Operation} (429); backing off")]
    private partial void LogThrottled(string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SP-API {Operation} failed transiently ({Reason}); backing off")]
    private partial void LogTransient(string operation, string reason);
}
