using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FbaMesh.Crystallize.Signing;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class PipelineStageWebhookTests
{
    [Fact]
    public async Task The_admin_call_moves_the_order_and_sends_a_signed_webhook_with_its_stages()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(path: "/api/webhooks/order/pipeline-stage-changed");
        emulator.Put(Orders.Id, Orders.Sample);

        using var response = await emulator.Http.PostAsJsonAsync("/_emulator/webhooks/order-pipeline-stage-changed",
            new { orderId = Orders.Id, pipelineId = "fba", stageId = "cancel", url = receiver.Url.ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(202, answer["deliveries"]![0]!["status"]!.GetValue<int>());
        var received = Assert.Single(receiver.Received);
        Assert.Equal(
            $$$"""{"order":{"id":"{{{Orders.Id}}}","pipelines":[{"pipelineId":"fba","stageId":"cancel"}]}}""",
            System.Text.Encoding.UTF8.GetString(received.Body));
        var verifier = new SignatureVerifier(new SignatureVerifierOptions { ExpectedTenantIdentifier = "acme" }, TimeProvider.System);
        Assert.Equal(SignatureFailure.None, verifier.Verify(received.Signature, Emulator.SignatureSecret, receiver.Url.ToString(), "POST", received.Body).Failure);
        var write = Assert.Single(emulator.App.Orders.Writes(Orders.Id)!);
        Assert.Equal("merchantMovedToStage", write.Operation);
    }

    [Fact]
    public async Task Each_retry_carries_every_stage_the_order_stands_in()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(path: "/stage");
        emulator.Put(Orders.Id, Orders.Sample);

        using var first = await emulator.App.MoveToStageAndSendWebhookAsync(Orders.Id, "payment", "paid", receiver.Url);
        using var again = await emulator.Http.PostAsJsonAsync("/_emulator/webhooks/order-pipeline-stage-changed",
            new { orderId = Orders.Id, pipelineId = "fba", stageId = "release", url = receiver.Url.ToString(), times = 2 });

        var bodies = receiver.Received.Select(r => JsonNode.Parse(r.Body)!["order"]!["pipelines"]!.ToJsonString()).ToList();
        Assert.Equal(
            [
                """[{"pipelineId":"payment","stageId":"paid"}]""",
                """[{"pipelineId":"payment","stageId":"paid"},{"pipelineId":"fba","stageId":"release"}]""",
                """[{"pipelineId":"payment","stageId":"paid"},{"pipelineId":"fba","stageId":"release"}]""",
            ],
            bodies);
        Assert.Equal(2, emulator.App.Orders.Writes(Orders.Id)!.Count);
    }

    [Theory]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3f","pipelineId":"fba","stageId":"cancel","url":"http://127.0.0.1:9/x"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","pipelineId":"","stageId":"cancel","url":"http://127.0.0.1:9/x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","pipelineId":"fba","url":"http://127.0.0.1:9/x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","pipelineId":"fba","stageId":"cancel","url":"ftp://x"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"orderId":"5f3c2b1a0d9e8f7a6b5c4d3e","pipelineId":"fba","stageId":"cancel","url":"http://127.0.0.1:9/x","times":0}""", HttpStatusCode.BadRequest)]
    public async Task A_bad_request_is_a_problem_and_moves_nothing(string body, HttpStatusCode expected)
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        using var response = await emulator.Http.PostAsync("/_emulator/webhooks/order-pipeline-stage-changed",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(emulator.App.Orders.Writes(Orders.Id)!);
        Assert.Null(emulator.App.Orders.Peek(Orders.Id)!["pipelines"]);
    }
}
