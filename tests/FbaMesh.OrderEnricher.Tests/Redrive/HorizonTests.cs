using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.OrderEnricher.Tests.Redrive;

/// <summary>The shipped backoff and 24 h horizon, on a fake clock the test moves (the enricher's TimeProvider).</summary>
public sealed class HorizonTests : IAsyncLifetime
{
    private const string Us = "6724c1b05e1d4b0012a3f102";
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private EnricherMesh mesh = null!;

    public async Task InitializeAsync()
    {
        // The start waits on timers (the operator secret's retry): let the clock run until the mesh is up.
        using var started = new CancellationTokenSource();
        var pump = Task.Run(async () =>
        {
            while (!started.IsCancellationRequested)
            {
                this.clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(10, CancellationToken.None);
            }
        });
        try
        {
            this.mesh = await StartMeshAsync();
        }
        finally
        {
            await started.CancelAsync();
            await pump;
        }
    }

    private Task<EnricherMesh> StartMeshAsync() => EnricherMesh.StartAsync(
        new Dictionary<string, string?>
        {
            // The shipped values (the mesh's own are sub-second), with hour-wide buckets so a day is 24 of them.
            ["Redrive:FirstDelay"] = "00:00:05",
            ["Redrive:MaxDelay"] = "00:10:00",
            ["Redrive:Horizon"] = "1.00:00:00",
            ["Redrive:BucketWidth"] = "01:00:00",
            ["Redrive:Lag"] = "00:05:00",
            // The pump runs this clock ≈ 10× faster than real time while the sidecars start, so the start's own
            // deadlines (meant for a sidecar that starts late in real time) are put out of its reach: on a busy
            // machine the default 60 s went by in ≈ 6 s of real time and the start gave up.
            ["OperatorApi:StartupTimeout"] = "7.00:00:00",
            ["OperatorApi:SecretReadTimeout"] = "1.00:00:00",
        },
        configure: b => b.Services.AddSingleton<TimeProvider>(this.clock));

    public async Task DisposeAsync() => await this.mesh.DisposeAsync();

    [Fact]
    public async Task An_order_waits_with_capped_exponential_backoff_and_fails_only_after_24_hours()
    {
        var id = this.mesh.CopyOfFixture(Us);
        this.mesh.Submitter.Scripts[id] = (_, _) => FakeSubmitter.Fail(StatusCode.Unavailable, "Amazon is down");
        var start = this.clock.GetUtcNow();

        await this.mesh.PublishOrderReceivedAsync(id);
        var state = await WaitingAfterAsync(id, attempts: 1);
        Assert.Equal(start, state.WaitingSince);

        // Follow the first attempts: each wait is half to all of 5 s doubled per attempt, capped at 10 min.
        var gaps = new List<TimeSpan>();
        for (var attempt = 2; attempt <= 10; attempt++)
        {
            var due = state.NextAttemptAt!.Value;
            gaps.Add(due - state.UpdatedAt);
            this.clock.SetUtcNow(due);
            state = await WaitingAfterAsync(id, attempt);
        }

        var full = gaps.Select((_, i) => TimeSpan.FromSeconds(Math.Min(600, 5 * Math.Pow(2, i)))).ToList();
        Assert.All(gaps.Zip(full), g => Assert.InRange(g.First, g.Second / 2, g.Second));

        // Nearly a day later it still waits, and its next attempt is due no later than the horizon.
        this.clock.SetUtcNow(start + TimeSpan.FromHours(23) + TimeSpan.FromMinutes(55));
        state = await WaitingAfterAsync(id, 11);
        Assert.Equal(OrderStatus.Waiting, state.Status);
        Assert.True(state.NextAttemptAt <= start + TimeSpan.FromHours(24));

        this.clock.SetUtcNow(start + TimeSpan.FromHours(24));
        var failed = await this.mesh.FinalStateAsync(id);

        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.Equal("gave-up-after-horizon", failed.ReasonCode);
        Assert.Contains("submitter-unavailable", failed.ReasonMessage, StringComparison.Ordinal);
        Assert.Equal(start + TimeSpan.FromHours(24), failed.CompletedAt);
        Assert.Equal(12, failed.Attempts);
        Assert.Equal(12, this.mesh.Submitter.Count(id));
    }

    private async Task<OrderState> WaitingAfterAsync(string id, int attempts) =>
        (await Eventually.UntilAsync(
            () => this.mesh.StateAsync(id),
            s => s is { Status: OrderStatus.Waiting } && s.Attempts == attempts,
            $"order {id} waiting after attempt {attempts}"))!;
}
