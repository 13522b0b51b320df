using FbaMesh.Bench.Common;
using FbaMesh.Bench.Outage;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>
/// The outage scenario at smoke size: Amazon 503 and the gateway down for a few seconds each. The
/// gateway outage outlasts the webhook retries, so the sweep has orders to find. Test collections of
/// this project run one after another (xunit.runner.json), so it never runs beside another mesh.
/// </summary>
public sealed class OutageSmokeTests
{
    [Fact]
    public async Task A_short_Amazon_and_gateway_outage_loses_nothing_duplicates_nothing_and_needs_no_operator()
    {
        var settings = new OutageSettings(AmazonMinutes: 0.1, GatewayMinutes: 0.1, SendPerSecond: 3)
        {
            Calm = TimeSpan.FromSeconds(4),
            WebhookAttempts = 2,
            WebhookFirstRetry = TimeSpan.FromMilliseconds(500),
            SweepSchedule = "@every 3s",
        };

        var report = await OutageScenario.RunAsync(settings, SilentProgress.Instance, CancellationToken.None);

        Assert.True(report.Clean, $"lost {string.Join(", ", report.Detail.LostOrderIds)}; duplicated {string.Join(", ", report.Detail.DuplicatedOrderIds)}; operator actions {report.OperatorActions}; wrong/unsettled {report.Detail.WrongFinalState}/{report.Detail.Unsettled}");
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        Assert.Equal(0, report.OperatorActions);
        // The gateway was down for 6 s, longer than the webhook retries (0.5 s + 1 s): the sweep found those orders.
        Assert.True(report.WebhooksGivenUp > 0, "no webhook was given up, so the sweep was not exercised");
        var json = await JsonReport.RoundTripAsync(report);
        Assert.True(json.At("clean").GetBoolean());
        Assert.Equal(0, json.At("operatorActions").GetInt32());
    }
}
