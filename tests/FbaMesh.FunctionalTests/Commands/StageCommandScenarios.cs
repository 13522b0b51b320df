using System.Net;
using System.Text;
using FbaMesh.DaprEmulator;
using FbaMesh.DevMesh;
using FbaMesh.FunctionalTests.Mesh;
using FbaMesh.FunctionalTests.Support;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;
using Xunit;

namespace FbaMesh.FunctionalTests.Commands;

/// <summary>
/// The shop's commands end to end on devmesh: Crystallize emulator → signed stage webhook → gateway →
/// orders.stage-changed → enricher → fba-submitter → SP-API emulator, and meta back to Crystallize.
/// </summary>
public sealed class StageCommandScenarios(CommandMeshFixture fixture) : IClassFixture<CommandMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private const string HoldSample = "6724c1cc5e1d4b0012a3f106";

    [Fact]
    public async Task A_cancel_in_time_ends_Cancelled_at_Amazon_with_meta_fba_cancel_cancelled()
    {
        var (id, order) = Samples.Copy(Norway);
        Assert.Equal(OrderProgress.Submitted, (await fixture.CreateAsync(id, order)).Status);
        Assert.Equal("Received", (await DevMesh.Demo.AmazonOrderView.ReadAsync(fixture.Mesh.SpApi!, id))!.Status);

        await fixture.MoveToStageAsync(id, "cancel");

        await fixture.AmazonUntilAsync(id, v => v.Status == "Cancelled", $"{id} Cancelled at Amazon");
        await fixture.CancelMetaUntilAsync(id, "cancelled");
        Assert.Single(fixture.Mesh.SpApi!.FulfillmentOrders, o => o.SellerFulfillmentOrderId == id);
    }

    [Fact]
    public async Task A_cancel_too_late_leaves_the_order_at_Amazon_and_sets_meta_fba_cancel_too_late()
    {
        var (id, order) = Samples.Copy(Norway);
        Assert.Equal(OrderProgress.Submitted, (await fixture.CreateAsync(id, order)).Status);
        await fixture.AmazonMovesAsync(id, "Planning");
        await fixture.AmazonMovesAsync(id, "Processing");

        await fixture.MoveToStageAsync(id, "cancel");

        await fixture.CancelMetaUntilAsync(id, "too-late");
        Assert.Equal("Processing", (await DevMesh.Demo.AmazonOrderView.ReadAsync(fixture.Mesh.SpApi!, id))!.Status);
        Assert.Equal(OrderProgress.Submitted, (await fixture.Mesh.GetOrderAsync(id))!.Status);

        // The enricher writes the meta first and publishes the event after it, so the event is awaited, not assumed.
        await Eventually.UntilAsync(() => TooLateEvents(id).Any(), $"fulfillment.cancel-too-late for {id}");
        Assert.Single(TooLateEvents(id).Select(e => e.Id).Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Releasing_a_hold_order_makes_Amazon_s_action_Ship()
    {
        var (id, order) = Samples.Copy(HoldSample);
        Assert.Equal(OrderProgress.Submitted, (await fixture.CreateAsync(id, order)).Status);
        Assert.Equal("Hold", (await DevMesh.Demo.AmazonOrderView.ReadAsync(fixture.Mesh.SpApi!, id))!.FulfillmentAction);

        await fixture.MoveToStageAsync(id, "release");

        await fixture.AmazonUntilAsync(id, v => v.FulfillmentAction == "Ship", $"{id} released at Amazon");
    }

    [Fact]
    public async Task An_unmapped_stage_is_ignored()
    {
        var (id, order) = Samples.Copy(HoldSample);
        Assert.Equal(OrderProgress.Submitted, (await fixture.CreateAsync(id, order)).Status);

        await fixture.MoveToStageAsync(id, "packed");
        await fixture.EnricherLoggedAsync(id, "no command is configured for it; ignored");

        var atAmazon = await DevMesh.Demo.AmazonOrderView.ReadAsync(fixture.Mesh.SpApi!, id);
        Assert.Equal(("Received", "Hold"), (atAmazon!.Status, atAmazon.FulfillmentAction));
        Assert.Null(DevMesh.Demo.StageCommandsDemo.CancelMeta(fixture.Mesh.Crystallize!, id));
    }

    [Fact]
    public async Task An_unsigned_stage_webhook_is_refused_401_and_nothing_changes()
    {
        var (id, order) = Samples.Copy(Norway);
        Assert.Equal(OrderProgress.Submitted, (await fixture.CreateAsync(id, order)).Status);
        using var http = new HttpClient();
        var body = $$$"""{"order":{"id":"{{{id}}}","pipelines":[{"pipelineId":"fba","stageId":"cancel"}]}}""";

        using var answer = await http.PostAsync(fixture.StageUrl, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(fixture.Mesh.Sidecars.PublishedTo("fbamesh-pubsub", "orders.stage-changed"), e => e.Json.Contains(id, StringComparison.Ordinal));
        Assert.Equal("Received", (await DevMesh.Demo.AmazonOrderView.ReadAsync(fixture.Mesh.SpApi!, id))!.Status);
    }

    /// <summary>
    /// A cancel racing the create. Whatever the interleaving, the order ends in one of these, checked
    /// precisely: cancelled at Amazon (the create reached Amazon, exactly one order there, Cancelled), too
    /// late (Amazon past Planning), or cancelled before Amazon (no create ever reached Amazon and the create
    /// delivery ended without one) — and meta fba-cancel says which. Never an order at Amazon that can ship
    /// while the shop was told nothing, and never a cancel that is lost.
    /// </summary>
    [Theory]
    [InlineData(CancelMoment.RightAfterTheOrderCreatedWebhook)]
    [InlineData(CancelMoment.WhileAmazonHoldsTheCreate)]
    public async Task A_cancel_racing_the_create_ends_cancelled_or_too_late_never_silently_shipped(CancelMoment moment)
    {
        var (id, order) = Samples.Copy(Norway);
        var amazon = fixture.Mesh.SpApi!;
        fixture.Mesh.Crystallize!.PutOrder(id, order);
        // Amazon holds this create for a while before carrying it out (below the submitter's 10 s attempt
        // timeout, so the create is not abandoned), which keeps the create in flight when the cancel comes.
        var heldCreate = new FaultRule
        {
            Operation = "createFulfillmentOrder", Kind = FaultKind.Timeout, Outcome = TimeoutOutcome.Answer, Delay = TimeSpan.FromSeconds(6), Count = 1,
        };
        amazon.Faults.Add(heldCreate);
        try
        {
            using var created = await fixture.Mesh.Crystallize.SendOrderCreatedWebhookAsync(id, fixture.OrderCreatedUrl);
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            if (moment == CancelMoment.WhileAmazonHoldsTheCreate)
            {
                await Eventually.UntilAsync(() => CreateReachedAmazon(heldCreate), $"the create of {id} held at Amazon", RaceDeadline);
            }

            await fixture.MoveToStageAsync(id, "cancel");

            var meta = await Eventually.UntilAsync(
                () => Task.FromResult(DevMesh.Demo.StageCommandsDemo.CancelMeta(fixture.Mesh.Crystallize!, id)),
                m => m is "cancelled" or "too-late", $"meta fba-cancel on {id}", RaceDeadline);
            var outcome = meta == "too-late" ? RaceOutcome.TooLate : CreateReachedAmazon(heldCreate) ? RaceOutcome.CancelledAtAmazon : RaceOutcome.CancelledBeforeAmazon;
            switch (outcome)
            {
                case RaceOutcome.CancelledAtAmazon:
                    await fixture.AmazonUntilAsync(id, v => v.Status == "Cancelled", $"{id} Cancelled at Amazon", RaceDeadline);
                    Assert.Single(amazon.OrdersFor(id));
                    await Eventually.UntilAsync(
                        async () => (await fixture.Mesh.GetOrderAsync(id))?.Status == OrderProgress.Cancelled, $"{id} Cancelled in the enricher", RaceDeadline);
                    break;
                case RaceOutcome.TooLate:
                    var atAmazon = Assert.Single(amazon.OrdersFor(id));
                    Assert.DoesNotContain(atAmazon.Status, new[] { "Received", "Planning", "Cancelled" });
                    Assert.Equal(OrderProgress.Submitted, (await fixture.Mesh.GetOrderAsync(id))!.Status);
                    break;
                default:
                    var skipped = await fixture.Mesh.WaitForSettledAsync(id, RaceDeadline);
                    Assert.Equal((OrderProgress.Skipped, "cancelled-by-shop"), (skipped.Status, skipped.ReasonCode));
                    // The create delivery has ended without a create: after this nothing can send the order.
                    await Eventually.UntilAsync(
                        () => fixture.EnricherLogged(id, "not created") || fixture.EnricherLogged(id, "nothing to do now (Success)"),
                        $"the create delivery of {id} to end without a create", RaceDeadline);
                    Assert.False(CreateReachedAmazon(heldCreate), $"A create of {id} reached Amazon although the enricher recorded it as cancelled before Amazon.");
                    Assert.Empty(amazon.OrdersFor(id));
                    break;
            }

            // Never silently shipped: whatever Amazon holds for this order is cancelled, or the shop was told too late.
            Assert.All(amazon.OrdersFor(id), o => Assert.True(o.Status == "Cancelled" || outcome == RaceOutcome.TooLate, $"{id} is {o.Status} at Amazon after {outcome}."));
            if (moment == CancelMoment.WhileAmazonHoldsTheCreate)
            {
                Assert.NotEqual(RaceOutcome.CancelledBeforeAmazon, outcome);
            }
        }
        finally
        {
            amazon.Faults.Clear();
        }
    }

    /// <summary>Generous: the slowest allowed path waits out the create's claim lease (45 s) before its redelivery cancels.</summary>
    private static readonly TimeSpan RaceDeadline = TimeSpan.FromMinutes(3);

    private IEnumerable<CloudEventRecord> TooLateEvents(string id) =>
        fixture.Mesh.Sidecars.PublishedTo("fbamesh-pubsub", "fulfillment.cancel-too-late").Where(e => e.Json.Contains(id, StringComparison.Ordinal));

    /// <summary>The held create's fault is used up once a create passed Amazon's token and quota checks: it will be carried out.</summary>
    private bool CreateReachedAmazon(FaultRule heldCreate) => !fixture.Mesh.SpApi!.Faults.Rules.Contains(heldCreate);

    private enum RaceOutcome
    {
        CancelledAtAmazon,
        TooLate,
        CancelledBeforeAmazon,
    }
}

/// <summary>When the shop's cancel is sent, relative to the create it races.</summary>
public enum CancelMoment
{
    /// <summary>At once: it may reach the enricher before the create, during it, or after Amazon took it.</summary>
    RightAfterTheOrderCreatedWebhook,

    /// <summary>Once Amazon holds the create: the create is in flight at Amazon when the cancel comes.</summary>
    WhileAmazonHoldsTheCreate,
}

/// <summary>Lifecycle:SubmitOn = Stage and Fulfillment:PreviewBeforeCreate = true on devmesh.</summary>
public sealed class SubmitOnStageScenarios(SubmitOnStageMeshFixture fixture) : IClassFixture<SubmitOnStageMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";

    [Fact]
    public async Task An_order_goes_to_Amazon_only_when_it_enters_the_submit_stage()
    {
        var (id, order) = Samples.Copy(Norway);
        fixture.Mesh.Crystallize!.PutOrder(id, order);
        using var created = await fixture.Mesh.Crystallize.SendOrderCreatedWebhookAsync(id, fixture.OrderCreatedUrl);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var waiting = await FbaMesh.Testing.Eventually.UntilAsync(() => fixture.Mesh.GetOrderAsync(id), p => p?.Status == "AwaitingStage", $"{id} waiting for its stage");
        Assert.Equal("awaiting-stage", waiting!.ReasonCode);
        Assert.Empty(fixture.Mesh.SpApi!.OrdersFor(id));

        await fixture.MoveToStageAsync(id, "submit");

        Assert.Equal(OrderProgress.Submitted, (await fixture.Mesh.WaitForSettledAsync(id, MeshSettings.SettleTimeout)).Status);
        JsonSubset.AssertContains(Samples.ExpectedRequest(Norway, id), fixture.Mesh.SpApi!.SingleRequestFor(id));
    }

    [Fact]
    public async Task The_preview_refuses_an_order_with_an_unlisted_SKU_before_any_create()
    {
        var (id, order) = Samples.Copy(Norway);
        fixture.Mesh.Crystallize!.PutOrder(id, order);
        var amazon = fixture.Mesh.SpApi!;
        var creates = amazon.CreateRequests();
        amazon.Inventory.Unlist("FBA-COASTER-4");
        try
        {
            await fixture.MoveToStageAsync(id, "submit");
            var failed = await fixture.Mesh.WaitForSettledAsync(id, MeshSettings.SettleTimeout);

            Assert.Equal((OrderProgress.Failed, "not-fulfillable"), (failed.Status, failed.ReasonCode));
            Assert.Contains("FBA-COASTER-4", failed.ReasonMessage, StringComparison.Ordinal);
            Assert.Empty(amazon.OrdersFor(id));
            Assert.Equal(creates, amazon.CreateRequests());
        }
        finally
        {
            amazon.Inventory.Relist("FBA-COASTER-4");
        }
    }
}
