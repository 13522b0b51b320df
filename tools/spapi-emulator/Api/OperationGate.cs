namespace FbaMesh.SpApiEmulator;

/// <summary>
/// What stands in front of every fulfillment operation, in SP-API's order: request id, access token and
/// role (403), usage plan (429), injected faults, the operation itself, after-commit faults, and the
/// x-amzn-RateLimit-Limit header on 200, 400 and 404 answers.
/// </summary>
internal sealed class OperationGate(string operation) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<EmulatorState>();
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();

        var quota = state.Quotas.For(operation);
        if (Authorize(state, http) is { } denied)
        {
            return Answer(state, http, quota, denied);
        }

        if (!quota.TryAcquire())
        {
            return Answer(state, http, quota, SpApiErrors.QuotaExceeded());
        }

        if (state.Faults.Take(operation, afterCommit: false) is { } fault)
        {
            var faulted = await FaultOutcome.BeforeAsync(fault, http);
            if (faulted is not null)
            {
                return faulted is SpApiResponse response ? Answer(state, http, quota, response) : TimedOut(state, faulted);
            }
        }

        var result = await next(context);
        if (result is SpApiResponse { StatusCode: >= 200 and < 300 } done && state.Faults.Take(operation, afterCommit: true) is { } after)
        {
            var faulted = await FaultOutcome.AfterAsync(after, http, done);
            return faulted is SpApiResponse response ? Answer(state, http, quota, response) : TimedOut(state, faulted);
        }

        return result is SpApiResponse answer ? Answer(state, http, quota, answer) : result;
    }

    private static SpApiResponse? Authorize(EmulatorState state, HttpContext http)
    {
        var token = http.Request.Headers["x-amz-access-token"].ToString();
        return state.Tokens.Check(token) switch
        {
            AccessTokenState.Missing => SpApiErrors.Unauthorized("Access token is missing in the request header."),
            AccessTokenState.Unknown => SpApiErrors.Unauthorized("The access token you provided is revoked, malformed or invalid."),
            AccessTokenState.Expired => SpApiErrors.Unauthorized("The access token you provided has expired."),
            _ when state.Options.MissingFulfillmentRole => SpApiErrors.Unauthorized(),
            _ => null,
        };
    }

    private SpApiResponse Answer(EmulatorState state, HttpContext http, OperationQuota quota, SpApiResponse response)
    {
        if (response.StatusCode is 200 or 400 or 404)
        {
            http.Response.Headers["x-amzn-RateLimit-Limit"] = quota.Plan.HeaderValue;
        }

        state.Stats.Answered(operation, response.StatusCode);
        return response;
    }

    private object? TimedOut(EmulatorState state, object? outcome)
    {
        state.Stats.TimedOut(operation);
        return outcome;
    }
}
