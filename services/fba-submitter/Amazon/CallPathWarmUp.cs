using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>
/// Readies a submit's path before the submitter reports ready, so the first orders after a start or a
/// scale-out do not queue behind first-call work: the first LWA access token (cached for the calls) and
/// one read and write-back of each shared usage plan (the booking's store round trips). Without it a
/// replica's first create compiled ≈ 450 methods and took 0.6–1.3 s on two busy cores while the plan's
/// refill went unused (docs/BENCHMARKS.md). Each step is retried within one attempt timeout; a step that
/// still fails is logged and left to the first call, which meets the same fault and answers it as it
/// always does. So readiness waits for the credentials and at most two attempt timeouts (token, plans).
/// </summary>
internal sealed partial class CallPathWarmUp(
    SecretReader<SpApiCredentials> credentials,
    LwaTokenClient tokens,
    SpApiPacers pacers,
    IOptions<SpApiOptions> options,
    TimeProvider time,
    ILogger<CallPathWarmUp> logger) : BackgroundService, IHealthCheck
{
    private volatile string? outcome;

    /// <summary>What the warm-up ended with, or null while it runs.</summary>
    public string? Outcome => outcome;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(outcome is { } done
            ? HealthCheckResult.Healthy(done)
            : HealthCheckResult.Unhealthy("Readying the call path: the first LWA access token and the shared usage plans."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp)
        {
            outcome = "Call path warm-up is off (SpApi:WarmUp).";
            return;
        }

        // The token needs the credentials, which are preloaded and have their own readiness check.
        await credentials.FirstValueAsync(stoppingToken);

        var started = time.GetTimestamp();
        var failed = new List<string>();
        await StepAsync("the LWA access token", ct => tokens.GetAsync(ct), failed, stoppingToken);
        var plans = pacers.All.Select(p => p.Shared).OfType<SharedPacing.SharedPlanLimiter>().ToList();
        if (plans.Count > 0)
        {
            // One step for all of them: a store that is down is down for every plan, and readiness should
            // not wait one attempt timeout per operation to learn it. A retry reads and writes back again,
            // which changes nothing.
            await StepAsync("the shared usage plans", async ct =>
            {
                foreach (var plan in plans)
                {
                    await plan.WarmAsync(ct);
                }
            }, failed, stoppingToken);
        }

        var ms = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogReadied(ms, failed.Count);
        outcome = failed.Count == 0
            ? $"Call path readied in {ms} ms."
            : $"Call path readied in {ms} ms, except {string.Join("; ", failed)}: the first calls try again.";
    }

    private async Task StepAsync(string step, Func<CancellationToken, Task> warm, List<string> failed, CancellationToken stopping)
    {
        var o = options.Value;
        // Bounded like one call at Amazon: an attempt timeout for the step, retries included.
        using var budget = new CallBudget(o.AttemptTimeout, time, stopping);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await warm(budget.Token);
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // A refusal will not change by asking again; anything else may (a sidecar still starting).
                if (ex is LwaRefusedException || !await budget.WaitAsync(Backoff.Delay(attempt, o.InitialBackoff, o.MaxBackoff, Random.Shared)))
                {
                    // The type only: a store's or a client's own words may carry connection details.
                    var error = ex is OperationCanceledException ? "no answer within the attempt timeout" : ex.GetType().Name;
                    LogStepFailed(step, error);
                    failed.Add($"{step} ({error})");
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call path readied in {ElapsedMs} ms ({Failed} steps left to the first calls)")]
    private partial void LogReadied(long elapsedMs, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ready {Step} before the first call ({Error}); the first call tries again")]
    private partial void LogStepFailed(string step, string error);
}
