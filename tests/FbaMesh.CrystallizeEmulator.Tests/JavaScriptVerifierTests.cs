using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.Testing;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class JavaScriptVerifierTests
{
    [Fact]
    public async Task Crystallizes_own_verifier_accepts_the_order_created_and_stage_changed_webhooks_the_emulator_sends()
    {
        // Crystallize's tokens live one second; Node.js start-up must not turn that into a flaky test.
        await using var emulator = await Emulator.StartAsync(o =>
        {
            o.FixturesPath = CrystallizeEmulatorOptions.SampleFixturesPath;
            o.SignatureLifetime = TimeSpan.FromMinutes(10);
        });
        await using var receiver = await WebhookReceiver.StartAsync();
        string[] ids = ["6724c1a95e1d4b0012a3f101", "6724c1be5e1d4b0012a3f104", "6724c1c55e1d4b0012a3f105", "6724c1fd5e1d4b0012a3f10d"];
        foreach (var id in ids)
        {
            using var response = await emulator.App.SendOrderCreatedWebhookAsync(id, receiver.Url);
        }

        using (var moved = await emulator.App.MoveToStageAndSendWebhookAsync(ids[0], "fba", "cancel", receiver.Url))
        {
            ids = [.. ids, ids[0]];
        }

        var received = receiver.Received.ToList();
        var cases = received.Select(r => new
        {
            token = r.Signature,
            url = receiver.Url.ToString(),
            method = "POST",
            body = Encoding.UTF8.GetString(r.Body),
            secret = Emulator.SignatureSecret,
        }).ToList();
        var tampered = cases.Select(c => c with { body = c.body.Replace("\"id\"", "\"id\" ", StringComparison.Ordinal).Replace("Oslo", "Bergen", StringComparison.Ordinal).Replace("2026", "2027", StringComparison.Ordinal).Replace("cancel", "release", StringComparison.Ordinal) });

        var results = JsonNode.Parse(new NodeOracle().Run("verify.mjs", JsonSerializer.Serialize(cases.Concat(tampered))))!.AsArray();

        Assert.Equal(ids.Length, received.Count);
        Assert.Equal(2 * ids.Length, results.Count);
        Assert.All(results.Take(ids.Length), r => Assert.True(r!["valid"]!.GetValue<bool>(), r!.ToJsonString()));
        Assert.All(results.Take(ids.Length), r => Assert.Equal("acme", r!["tenantIdentifier"]!.GetValue<string>()));
        Assert.All(results.Skip(ids.Length), r => Assert.False(r!["valid"]!.GetValue<bool>()));
    }
}
