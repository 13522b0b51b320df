using System.Text.Json.Nodes;
using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Commands;

/// <summary>
/// orders.stage-changed through the emulated sidecar to the enricher: each command decided from the order
/// state under its ETag, done once however often the event comes, recorded in the order's history.
/// </summary>
public sealed class StageCommandTests(CommandsMeshFixture fixture) : IClassFixture<CommandsMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task Cancel_in_time_cancels_at_Amazon_once_and_tells_the_shop_cancelled_even_when_the_event_comes_twice()
    {
        var id = await SubmittedOrderAsync();

        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        var state = await UntilAsync(id, s => s.Commands.CancelReportedAt is not null);
        await mesh.AnswersAsync(id, 3);

        Assert.Equal(OrderStatus.Submitted, state.Status);
        Assert.Equal("cancelled", state.Commands.CancelOutcome);
        Assert.Equal(1, fixture.Amazon.Count("cancel", id));
        Assert.Equal(["cancelled"], fixture.Shop.For(id));
        Assert.Contains(state.Commands.History, h => (h.Command, h.Outcome, h.PipelineId, h.StageId) == ("cancel", "cancelled", "fba", "cancel"));
    }

    [Fact]
    public async Task A_delivery_that_finds_the_shop_being_told_by_another_does_not_tell_it_again_and_comes_back_for_the_result()
    {
        var id = await SubmittedOrderAsync();
        var (reporting, mayFinish) = fixture.Shop.HoldNextReport(id);
        // A RETRY leaves only once the held report is written, so the redelivery finds it done (not the policy's last try).
        mesh.Deliveries.BeforeAnswerLeaves(id, async answers =>
        {
            if (answers[^1] == "RETRY")
            {
                await mayFinish.Task;
                await UntilAsync(id, s => s.Commands.CancelReportedAt is not null);
            }
        });

        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        await reporting.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        var whileHeld = await mesh.AnswersAsync(id, 2);
        mayFinish.SetResult();
        var state = await UntilAsync(id, s => s.Commands.CancelReportedAt is not null);

        // The second delivery met the first one's claim: it asked to come back instead of writing the meta.
        Assert.Equal(["cancelled"], fixture.Shop.For(id));
        Assert.Equal("RETRY", whileHeld[1]);
        Assert.Equal(1, fixture.Amazon.Count("cancel", id));
        Assert.Null(state.Commands.CancelReporting);
        Assert.Equal(["SUCCESS", "SUCCESS"], (await mesh.AnswersAsync(id, 4)).Skip(2));
    }

    [Fact]
    public async Task A_report_claimed_by_a_delivery_that_died_is_taken_over_once_its_lease_ran_out()
    {
        var id = await SubmittedOrderAsync();
        var submitted = (await mesh.StateAsync(id))!;
        // As if a delivery had cancelled at Amazon, claimed the report and died before Crystallize was written.
        var lease = new CommandOptions().ReportLease;
        var died = submitted with
        {
            Commands = submitted.Commands with
            {
                CancelRequestedAt = DateTimeOffset.UtcNow - lease,
                CancelOutcome = "cancelled",
                CancelReporting = new CommandLease("cancel-report", "gone", DateTimeOffset.UtcNow - lease - TimeSpan.FromSeconds(1)),
            },
        };
        await mesh.Dapr.SaveStateAsync("fbamesh-state", OrderStateStore.Key(id), died);

        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        var state = await UntilAsync(id, s => s.Commands.CancelReportedAt is not null);

        Assert.Equal(["cancelled"], fixture.Shop.For(id));
        Assert.Null(state.Commands.CancelReporting);
        Assert.Equal(0, fixture.Amazon.Count("cancel", id));
    }

    [Fact]
    public async Task Cancel_too_late_tells_the_shop_too_late_and_changes_nothing_else()
    {
        var id = await SubmittedOrderAsync();
        fixture.Amazon.CancelAnswers[id] = () => new CancelAnswer.TooLate("Processing");

        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        var state = await UntilAsync(id, s => s.Commands.CancelReportedAt is not null);

        Assert.Equal((OrderStatus.Submitted, "CREATED", "too-late"), (state.Status, state.SubmitOutcome, state.Commands.CancelOutcome));
        Assert.Equal([("too-late", (string?)"Processing")], fixture.Shop.Reports.Where(r => r.OrderId == id).Select(r => (r.Outcome, r.AmazonStatus)));
    }

    [Fact]
    public async Task A_cancel_racing_the_create_is_carried_out_by_the_create_right_after_Amazon_took_the_order()
    {
        var id = mesh.CopyOfFixture(Norway);
        var (submitting, mayFinish) = HoldCreate(id);

        await mesh.PublishOrderReceivedAsync(id);
        await submitting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        await UntilAsync(id, s => s.Commands.CancelRequestedAt is not null);
        Assert.Equal(0, fixture.Amazon.Count("cancel", id));
        mayFinish.SetResult();
        var state = await UntilAsync(id, s => s.IsFinal && s.Commands.CancelReportedAt is not null);

        Assert.Equal((OrderStatus.Submitted, "cancelled"), (state.Status, state.Commands.CancelOutcome));
        Assert.Equal(1, mesh.Submitter.Count(id));
        Assert.Equal(1, fixture.Amazon.Count("cancel", id));
        Assert.Equal(["cancelled"], fixture.Shop.For(id));
        Assert.Equal(["left-to-create", "cancelled"], state.Commands.History.Where(h => h.Command == "cancel").Select(h => h.Outcome));
    }

    [Fact]
    public async Task A_cancel_Amazon_cannot_take_right_after_the_create_is_not_lost_the_order_waits_and_is_cancelled()
    {
        var id = mesh.CopyOfFixture(Norway);
        var (submitting, mayFinish) = HoldCreate(id);
        // The cancel right after the create meets an unreachable submitter; the next one goes through.
        var cancels = 0;
        fixture.Amazon.CancelAnswers[id] = () => Interlocked.Increment(ref cancels) == 1 ? new CancelAnswer.Transient("submitter unavailable") : new CancelAnswer.Cancelled();

        await mesh.PublishOrderReceivedAsync(id);
        await submitting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        await UntilAsync(id, s => s.Commands.CancelRequestedAt is not null);
        mayFinish.SetResult();
        var state = await UntilAsync(id, s => s.IsFinal && s.Commands.CancelReportedAt is not null);

        // Amazon held the order and cancelled it: final, and nothing at Amazon can ship.
        Assert.Equal((OrderStatus.Cancelled, "cancelled"), (state.Status, state.Commands.CancelOutcome));
        Assert.Equal(1, mesh.Submitter.Count(id));
        Assert.Equal(2, fixture.Amazon.Count("cancel", id));
        Assert.Equal(["cancelled"], fixture.Shop.For(id));
        Assert.Equal(["left-to-create", "retry", "cancelled"], state.Commands.History.Where(h => h.Command == "cancel").Select(h => h.Outcome));
    }

    [Fact]
    public async Task A_cancel_before_the_order_created_event_means_it_is_never_created()
    {
        var id = mesh.CopyOfFixture(Norway);

        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        await UntilAsync(id, s => s.Commands.CancelReportedAt is not null);
        await mesh.PublishOrderReceivedAsync(id);
        await mesh.AnswersAsync(id, 2);
        var state = await mesh.StateAsync(id);

        Assert.Equal((OrderStatus.Skipped, CommandDecisions.CancelledByShop), (state!.Status, state.ReasonCode));
        Assert.Equal(0, mesh.Submitter.Count(id));
        Assert.Equal(0, fixture.Amazon.Count("cancel", id));
        Assert.Equal(["cancelled"], fixture.Shop.For(id));
    }

    [Fact]
    public async Task Release_of_a_hold_order_asks_Amazon_to_ship_once_however_often_the_event_comes()
    {
        var id = await SubmittedOrderAsync(hold: true);
        Assert.Equal(Contracts.Fulfillment.V1.FulfillmentAction.Hold, Assert.Single(mesh.Submitter.Requests, r => r.SellerFulfillmentOrderId == id).FulfillmentAction);

        await mesh.PublishStageChangedAsync(id, "fba", "release");
        await UntilAsync(id, s => s.Commands.ReleasedAt is not null);
        await mesh.PublishStageChangedAsync(id, "fba", "release");
        await mesh.AnswersAsync(id, 3);
        var state = await mesh.StateAsync(id);

        Assert.Equal(1, fixture.Amazon.Count("release", id));
        Assert.Equal("Ship", state!.Commands.FulfillmentAction);
        Assert.Single(state.Commands.History, h => h.Outcome == "released");
    }

    [Fact]
    public async Task Release_of_an_order_created_to_ship_is_a_logged_no_op()
    {
        var id = await SubmittedOrderAsync();

        await mesh.PublishStageChangedAsync(id, "fba", "release");
        await mesh.AnswersAsync(id, 2);

        Assert.Equal(0, fixture.Amazon.Count("release", id));
        Assert.Equal("Ship", (await mesh.StateAsync(id))!.Commands.FulfillmentAction);
    }

    [Fact]
    public async Task An_unmapped_stage_is_ignored()
    {
        var id = await SubmittedOrderAsync();
        var before = await mesh.StateAsync(id);

        await mesh.PublishStageChangedAsync(id, "fba", "packed");
        await mesh.PublishStageChangedAsync(id, "payment", "cancel");
        var answers = await mesh.AnswersAsync(id, 3);

        Assert.Equal(["SUCCESS", "SUCCESS"], answers.Skip(1));
        Assert.Equal(before, await mesh.StateAsync(id));
        Assert.DoesNotContain(fixture.Amazon.Calls, c => c.SellerFulfillmentOrderId == id);
    }

    /// <summary>The create of <paramref name="id"/> signals when it reaches the submitter and waits there until released.</summary>
    private (TaskCompletionSource Submitting, TaskCompletionSource MayFinish) HoldCreate(string id)
    {
        var submitting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mesh.Submitter.Scripts[id] = async (request, call) =>
        {
            submitting.TrySetResult();
            await mayFinish.Task;
            return await FakeSubmitter.DefaultAnswer(request, call);
        };
        return (submitting, mayFinish);
    }

    private async Task<string> SubmittedOrderAsync(bool hold = false)
    {
        var id = mesh.CopyOfFixture(Norway);
        if (hold)
        {
            var order = mesh.Crystallize.Orders.Peek(id)!;
            order["meta"] = new JsonArray(new JsonObject { ["key"] = "fba-hold", ["value"] = "true" });
            mesh.Crystallize.PutOrder(id, order);
        }

        await mesh.PublishOrderReceivedAsync(id);
        Assert.Equal(OrderStatus.Submitted, (await mesh.FinalStateAsync(id)).Status);
        await mesh.AnswersAsync(id, 1);
        return id;
    }

    private async Task<OrderState> UntilAsync(string id, Func<OrderState, bool> condition) =>
        (await Eventually.UntilAsync(() => mesh.StateAsync(id), s => s is not null && condition(s), $"order {id} to get there"))!;
}

/// <summary>Lifecycle:SubmitOn = Stage and Fulfillment:PreviewBeforeCreate = true.</summary>
public sealed class SubmitOnStageTests(SubmitOnStageMeshFixture fixture) : IClassFixture<SubmitOnStageMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task The_order_created_event_only_records_the_order_as_waiting_and_the_submit_stage_sends_it()
    {
        var id = mesh.CopyOfFixture(Norway);

        await mesh.PublishOrderReceivedAsync(id);
        await mesh.AnswersAsync(id, 1);
        var waiting = await mesh.StateAsync(id);
        Assert.Equal((OrderStatus.AwaitingStage, CreateGuard.AwaitingStage), (waiting!.Status, waiting.ReasonCode));
        Assert.Equal(0, mesh.Submitter.Count(id));

        await mesh.PublishStageChangedAsync(id, "fba", "submit");
        var state = await mesh.FinalStateAsync(id);
        await mesh.PublishStageChangedAsync(id, "fba", "submit");
        await mesh.AnswersAsync(id, 3);

        Assert.Equal((OrderStatus.Submitted, "CREATED"), (state.Status, state.SubmitOutcome));
        Assert.Equal(1, mesh.Submitter.Count(id));
        Assert.Equal(1, fixture.Amazon.Count("preview", id));
        Assert.NotNull(state.Commands.SubmitStageReachedAt);
        Assert.NotNull(state.Commands.PreviewPassedAt);
    }

    [Fact]
    public async Task An_order_Amazon_cannot_fulfil_fails_not_fulfillable_with_Amazon_s_codes_before_any_create()
    {
        var id = mesh.CopyOfFixture(Norway);
        fixture.Amazon.PreviewAnswers[id] = new PreviewAnswer.NotFulfillable(["FBA-MUG-001: InvalidSKU"]);

        await mesh.PublishStageChangedAsync(id, "fba", "submit");
        var state = await mesh.FinalStateAsync(id);

        Assert.Equal((OrderStatus.Failed, CreateGuard.NotFulfillable), (state.Status, state.ReasonCode));
        Assert.Contains("FBA-MUG-001: InvalidSKU", state.ReasonMessage, StringComparison.Ordinal);
        Assert.Equal(0, mesh.Submitter.Count(id));
        await mesh.WaitForPublishedAsync("fulfillment.failed", id);
    }

    [Fact]
    public async Task A_cancel_of_an_order_waiting_for_its_stage_ends_it_and_the_submit_stage_then_does_nothing()
    {
        var id = mesh.CopyOfFixture(Norway);
        await mesh.PublishOrderReceivedAsync(id);
        await mesh.AnswersAsync(id, 1);

        await mesh.PublishStageChangedAsync(id, "fba", "cancel");
        await mesh.AnswersAsync(id, 2);
        await mesh.PublishStageChangedAsync(id, "fba", "submit");
        await mesh.AnswersAsync(id, 3);
        var state = await mesh.StateAsync(id);

        Assert.Equal((OrderStatus.Skipped, "cancelled"), (state!.Status, state.Commands.CancelOutcome));
        Assert.Equal(0, mesh.Submitter.Count(id));
        Assert.Equal(0, fixture.Amazon.Count("cancel", id));
    }
}
