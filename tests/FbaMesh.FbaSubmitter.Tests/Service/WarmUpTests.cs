using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.SharedPacing;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.ServiceDefaults;
using FbaMesh.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Service;

/// <summary>Before it reports ready, the submitter readies a submit's path: its first LWA token and the shared plans.</summary>
public class WarmUpTests
{
    [Fact]
    public async Task Not_ready_until_the_first_token_is_in_hand_and_the_first_submit_uses_that_token()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lwa = new StubHttp(async (_, n) =>
        {
            await answer.Task;
            return StubAmazon.Token(n);
        });
        var spApi = StubSpApi.Create(StubSpApi.Created);
        await using var host = await SubmitterHost.StartAsync(spApi: spApi, lwa: lwa, waitForCredentials: false);
        var warmUp = host.Services.GetRequiredService<CallPathWarmUp>();
        var registered = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(HealthEndpoints.ReadyTag, Assert.Single(registered, r => r.Name == "call-path").Tags);

        await Eventually.UntilAsync(() => lwa.Count == 1, "the warm-up to ask LWA for the first token");
        Assert.Equal(HealthStatus.Unhealthy, (await warmUp.CheckHealthAsync(new HealthCheckContext())).Status);
        answer.SetResult();
        await Eventually.UntilAsync(() => warmUp.Outcome is not null, "the warm-up to end");

        var ready = await warmUp.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Matches("^Call path readied in [0-9]+ ms\\.$", ready.Description);
        // Readying never calls SP-API itself: every call there is counted against the seller's plan.
        Assert.Equal(0, spApi.Count);
        await host.Client.SubmitAsync(Orders.Valid("order-1"));
        Assert.Equal("Atza|token-1", Assert.Single(spApi.Seen).Headers["x-amz-access-token"]);
        Assert.Equal(1, lwa.Count);
    }

    [Fact]
    public async Task Credentials_read_after_the_warm_up_began_are_awaited_without_the_clock_moving()
    {
        // The submitter's clock stands still: the warm-up must be woken by the first read, not by a timer.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secrets = new StubSecrets(StubSecrets.DevSecret) { Gate = store.Task };
        var lwa = StubAmazon.Lwa();
        await using var host = await SubmitterHost.StartAsync(
            secrets: secrets, spApi: StubSpApi.Create(StubSpApi.Created), lwa: lwa,
            overrides: s => s.AddSingleton<TimeProvider>(clock), waitForCredentials: false);
        var warmUp = host.Services.GetRequiredService<CallPathWarmUp>();

        await Eventually.UntilAsync(() => secrets.Reads == 1, "the first secret read to start");
        Assert.Null(warmUp.Outcome);
        Assert.Equal(0, lwa.Count);
        store.SetResult();

        await Eventually.UntilAsync(() => warmUp.Outcome is not null, "the warm-up to end");
        Assert.Equal(1, lwa.Count);
        Assert.DoesNotContain("except", warmUp.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_exchange_that_fails_once_is_tried_again_before_ready()
    {
        var lwa = new StubHttp((_, n) => Task.FromResult(n == 1
            ? StubHttp.Json(503, """{"error":"server_error"}""")
            : StubAmazon.Token(n)));
        await using var host = await SubmitterHost.StartAsync(spApi: StubSpApi.Create(StubSpApi.Created), lwa: lwa);

        var ready = await host.Services.GetRequiredService<CallPathWarmUp>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.DoesNotContain("except", ready.Description, StringComparison.Ordinal);
        Assert.Equal(2, lwa.Count);
    }

    [Fact]
    public async Task Every_shared_plan_is_written_back_as_it_was_so_the_warm_up_books_no_permit()
    {
        var store = new FakePlanStore();
        var createKey = SharedPlanLimiter.KeyFor("default", "createFulfillmentOrder");
        // Another replica has booked the create plan ahead.
        var booked = new PlanRecord(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5));
        Assert.True(await store.TrySaveAsync(createKey, booked, null, CancellationToken.None));
        var before = DateTimeOffset.UtcNow;

        await using var host = await SubmitterHost.StartAsync(
            new Dictionary<string, string> { ["SharedPacing:Enabled"] = "true" },
            spApi: StubSpApi.Create(StubSpApi.Created), lwa: StubAmazon.Lwa(), overrides: s => s.AddSingleton<IPlanStore>(store));

        var operations = host.Services.GetRequiredService<SpApiPacers>().All.Select(p => p.Operation).ToList();
        Assert.Equal(7, operations.Count);
        Assert.Equal(booked, store[createKey]);
        foreach (var operation in operations.Where(o => o != "createFulfillmentOrder"))
        {
            // Written full, as a missing record reads: spent up to the moment of the write, nothing booked after it.
            Assert.InRange(store[SharedPlanLimiter.KeyFor("default", operation)]!.NextFree, before, DateTimeOffset.UtcNow);
        }

        // Each plan written back twice (the second write timed for the first bookings), none refused.
        Assert.Equal((1 + (7 * 2), 0), (store.Writes, store.Conflicts));
    }

    [Fact]
    public async Task A_warm_up_with_no_token_and_no_store_still_ends_and_the_first_call_answers_as_always()
    {
        var store = new FakePlanStore { Down = true };
        var lwa = StubAmazon.LwaRefusing("invalid_grant");
        var spApi = StubSpApi.Create(StubSpApi.Created);
        await using var host = await SubmitterHost.StartAsync(
            // 3 s: the store is retried that long; the refusing LWA stub answers within it even on a busy machine.
            new Dictionary<string, string> { ["SharedPacing:Enabled"] = "true", ["SpApi:AttemptTimeout"] = "00:00:03" },
            spApi: spApi, lwa: lwa, overrides: s => s.AddSingleton<IPlanStore>(store));

        var ready = await host.Services.GetRequiredService<CallPathWarmUp>().CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Contains("except the LWA access token (LwaRefusedException); the shared usage plans (HttpRequestException)", ready.Description, StringComparison.Ordinal);
        Assert.EndsWith(": the first calls try again.", ready.Description, StringComparison.Ordinal);
        // A refusal is not asked again during the warm-up; the first call asks once more and answers as it always does.
        Assert.Equal(1, lwa.Count);
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitAsync(Orders.Valid()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(2, lwa.Count);
        Assert.Equal(0, spApi.Count);
    }
}
