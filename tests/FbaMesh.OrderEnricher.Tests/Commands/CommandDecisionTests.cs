using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Orders;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.OrderEnricher.Tests.Commands;

/// <summary>Each command's decision from the order's state and the time, on a fake clock.</summary>
public sealed class CommandDecisionTests
{
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommandLease = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private OrderState State(OrderStatus status, int attempts = 1, string? claimedBy = null, OrderCommands? commands = null) => new()
    {
        OrderId = "6724c1a95e1d4b0012a3f101",
        Status = status,
        Attempts = attempts,
        ClaimedBy = claimedBy,
        SellerFulfillmentOrderId = "6724c1a95e1d4b0012a3f101",
        ReceivedAt = time.GetUtcNow(),
        UpdatedAt = time.GetUtcNow(),
        Commands = commands ?? OrderCommands.None,
    };

    private CancelStep Cancel(OrderState? state) => CommandDecisions.Cancel(state, time.GetUtcNow(), ClaimLease, CommandLease);

    private ReleaseStep Release(OrderState? state) => CommandDecisions.Release(state, time.GetUtcNow(), ClaimLease, CommandLease);

    [Fact]
    public void Cancel_of_a_submitted_order_asks_Amazon_and_a_decided_one_is_not_asked_again()
    {
        Assert.Equal(CancelStep.CancelAtAmazon, Cancel(State(OrderStatus.Submitted)));
        Assert.Equal(CancelStep.AlreadyDecided, Cancel(State(OrderStatus.Submitted, commands: new OrderCommands { CancelOutcome = "cancelled" })));
        Assert.Equal(CancelStep.AlreadyDecided, Cancel(State(OrderStatus.Submitted, commands: new OrderCommands { CancelOutcome = "too-late" })));
    }

    [Fact]
    public void Cancel_during_a_live_create_is_left_to_the_create_until_the_claim_lease_runs_out()
    {
        var inFlight = State(OrderStatus.Received, claimedBy: "delivery-1");

        Assert.Equal(CancelStep.LeaveToCreate, Cancel(inFlight));
        time.Advance(ClaimLease);
        // The create's worker is presumed gone: it may have reached Amazon, so Amazon is asked.
        Assert.Equal(CancelStep.CancelAtAmazon, Cancel(inFlight));
    }

    [Fact]
    public void Cancel_of_an_order_never_sent_ends_it_without_asking_Amazon()
    {
        Assert.Equal(CancelStep.CancelBeforeAmazon, Cancel(null));
        Assert.Equal(CancelStep.CancelBeforeAmazon, Cancel(State(OrderStatus.AwaitingStage)));
        Assert.Equal(CancelStep.CancelBeforeAmazon, Cancel(State(OrderStatus.Received, attempts: 0)));
        Assert.Equal(CancelStep.NothingToCancel, Cancel(State(OrderStatus.Skipped)));
    }

    [Fact]
    public void A_second_cancel_while_the_first_holds_the_order_waits_for_its_outcome()
    {
        var running = State(OrderStatus.Submitted, commands: new OrderCommands { Running = new CommandLease("cancel", "first", time.GetUtcNow()) });

        Assert.Equal(CancelStep.Busy, Cancel(running));
        time.Advance(CommandLease);
        Assert.Equal(CancelStep.CancelAtAmazon, Cancel(running));
    }

    [Fact]
    public void The_shop_is_told_a_decided_cancel_by_one_claim_at_a_time_and_a_dead_claim_is_taken_over_after_its_lease()
    {
        var reportLease = TimeSpan.FromMinutes(1);
        var owed = State(OrderStatus.Submitted, commands: new OrderCommands { CancelOutcome = "cancelled" });
        var claimed = owed with { Commands = owed.Commands with { CancelReporting = new CommandLease("cancel-report", "first", time.GetUtcNow()) } };
        ReportStep Report(OrderState? state) => CommandDecisions.ReportCancel(state, time.GetUtcNow(), reportLease);

        Assert.Equal(ReportStep.NothingOwed, Report(null));
        Assert.Equal(ReportStep.NothingOwed, Report(State(OrderStatus.Submitted)));
        Assert.Equal(ReportStep.Report, Report(owed));
        Assert.Equal(ReportStep.Busy, Report(claimed));
        time.Advance(reportLease - TimeSpan.FromTicks(1));
        Assert.Equal(ReportStep.Busy, Report(claimed));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(ReportStep.Report, Report(claimed));
        Assert.Equal(ReportStep.NothingOwed, Report(claimed with { Commands = claimed.Commands with { CancelReportedAt = time.GetUtcNow() } }));
    }

    [Fact]
    public void Too_late_records_the_outcome_and_changes_nothing_else()
    {
        var submitted = State(OrderStatus.Submitted) with { SubmitOutcome = "CREATED" };
        time.Advance(TimeSpan.FromMinutes(5));

        var after = CommandDecisions.ApplyCancel(submitted, new CancelAnswer.TooLate("Processing"), time.GetUtcNow(), createdNow: false,
            new CommandEntry(default, "cancel", "", "fba", "cancel"));

        Assert.Equal(OrderStatus.Submitted, after.Status);
        Assert.Equal("CREATED", after.SubmitOutcome);
        Assert.Equal("too-late", after.Commands.CancelOutcome);
        var entry = Assert.Single(after.Commands.History);
        Assert.Equal((time.GetUtcNow(), "cancel", "too-late", "fba", "cancel", "Processing"), (entry.At, entry.Command, entry.Outcome, entry.PipelineId, entry.StageId, entry.Detail));
    }

    [Fact]
    public void Cancelled_keeps_a_submitted_order_submitted_and_ends_an_unsent_one_as_skipped()
    {
        var asked = new CommandEntry(default, "cancel", "");
        var submitted = CommandDecisions.ApplyCancel(State(OrderStatus.Submitted), new CancelAnswer.Cancelled(), time.GetUtcNow(), false, asked);
        var unsent = CommandDecisions.ApplyCancel(State(OrderStatus.Received, claimedBy: "d"), new CancelAnswer.NotAtAmazon(), time.GetUtcNow(), false, asked);
        var justCreated = CommandDecisions.ApplyCancel(State(OrderStatus.Received, claimedBy: "d"), new CancelAnswer.Cancelled(), time.GetUtcNow(), createdNow: true, asked);

        Assert.Equal((OrderStatus.Submitted, "cancelled"), (submitted.Status, submitted.Commands.CancelOutcome));
        Assert.Equal((OrderStatus.Skipped, "cancelled-by-shop", "cancelled", (string?)null), (unsent.Status, unsent.ReasonCode, unsent.Commands.CancelOutcome, unsent.ClaimedBy));
        // The create path finishes it as Submitted itself; the claim stays its own until then.
        Assert.Equal((OrderStatus.Received, "d", "cancelled"), (justCreated.Status, justCreated.ClaimedBy, justCreated.Commands.CancelOutcome));
    }

    [Fact]
    public void Amazon_cancelling_an_order_not_yet_recorded_as_submitted_ends_it_Cancelled_not_Skipped()
    {
        // A delivery that claimed the order again after an earlier one had Amazon take it (or was parked
        // with the cancel undecided): Amazon's Cancelled says it held the order, so it is no skipped order.
        var claimedAgain = State(OrderStatus.Received, attempts: 2, claimedBy: "d") with { SubmitOutcome = "CREATED", NextAttemptAt = time.GetUtcNow() };

        var after = CommandDecisions.ApplyCancel(claimedAgain, new CancelAnswer.Cancelled(), time.GetUtcNow(), false, new CommandEntry(default, "cancel", ""));
        var late = CommandDecisions.ApplyCancel(claimedAgain, new CancelAnswer.TooLate("Processing"), time.GetUtcNow(), false, new CommandEntry(default, "cancel", ""));

        Assert.Equal((OrderStatus.Cancelled, "cancelled-by-shop", "cancelled", (string?)null, (DateTimeOffset?)null), (after.Status, after.ReasonCode, after.Commands.CancelOutcome, after.ClaimedBy, after.NextAttemptAt));
        Assert.True(after.IsFinal);
        Assert.Equal((OrderStatus.Submitted, "CREATED", "too-late", (string?)null), (late.Status, late.SubmitOutcome, late.Commands.CancelOutcome, late.ClaimedBy));
    }

    [Fact]
    public void A_transient_answer_leaves_the_cancel_undecided_so_a_redelivery_asks_again()
    {
        var after = CommandDecisions.ApplyCancel(State(OrderStatus.Submitted), new CancelAnswer.Transient("down"), time.GetUtcNow(), false, new CommandEntry(default, "cancel", ""));

        Assert.Null(after.Commands.CancelOutcome);
        Assert.Null(after.Commands.Running);
        Assert.Equal(CancelStep.CancelAtAmazon, Cancel(after));
    }

    [Fact]
    public void Release_asks_Amazon_only_for_a_submitted_order_not_known_to_ship_and_not_released_yet()
    {
        Assert.Equal(ReleaseStep.ReleaseAtAmazon, Release(State(OrderStatus.Submitted, commands: new OrderCommands { FulfillmentAction = "Hold" })));
        Assert.Equal(ReleaseStep.ReleaseAtAmazon, Release(State(OrderStatus.Submitted)));
        Assert.Equal(ReleaseStep.NotOnHold, Release(State(OrderStatus.Submitted, commands: new OrderCommands { FulfillmentAction = "Ship" })));
        Assert.Equal(ReleaseStep.AlreadyReleased, Release(State(OrderStatus.Submitted, commands: new OrderCommands { FulfillmentAction = "Ship", ReleasedAt = time.GetUtcNow() })));
        Assert.Equal(ReleaseStep.CancelledBefore, Release(State(OrderStatus.Submitted, commands: new OrderCommands { FulfillmentAction = "Hold", CancelOutcome = "cancelled" })));
        Assert.Equal(ReleaseStep.NotAtAmazonYet, Release(null));
        Assert.Equal(ReleaseStep.NotAtAmazonYet, Release(State(OrderStatus.AwaitingStage)));
    }

    [Fact]
    public void Release_during_a_live_create_comes_back_after_it()
    {
        var inFlight = State(OrderStatus.Received, claimedBy: "delivery-1");

        Assert.Equal(ReleaseStep.WaitForCreate, Release(inFlight));
        time.Advance(ClaimLease);
        Assert.Equal(ReleaseStep.NotAtAmazonYet, Release(inFlight));
    }

    [Fact]
    public void Submit_stage_sends_only_an_order_waiting_for_it_and_only_when_submitting_on_a_stage()
    {
        Assert.Equal(SubmitStep.SubmitsOnCreation, CommandDecisions.Submit(State(OrderStatus.AwaitingStage), SubmitMoment.Created));
        Assert.Equal(SubmitStep.Submit, CommandDecisions.Submit(State(OrderStatus.AwaitingStage), SubmitMoment.Stage));
        Assert.Equal(SubmitStep.Submit, CommandDecisions.Submit(null, SubmitMoment.Stage));
        Assert.Equal(SubmitStep.AlreadyUnderway, CommandDecisions.Submit(State(OrderStatus.Submitted), SubmitMoment.Stage));
        Assert.Equal(SubmitStep.AlreadyUnderway, CommandDecisions.Submit(State(OrderStatus.Received, commands: new OrderCommands { SubmitStageReachedAt = time.GetUtcNow() }), SubmitMoment.Stage));
        Assert.Equal(SubmitStep.CancelledBefore, CommandDecisions.Submit(State(OrderStatus.AwaitingStage, commands: new OrderCommands { CancelRequestedAt = time.GetUtcNow() }), SubmitMoment.Stage));
    }

    [Fact]
    public void The_create_path_stops_for_a_recorded_cancel_and_waits_for_the_submit_stage()
    {
        Assert.True(CommandDecisions.MustNotCreate(State(OrderStatus.Received, commands: new OrderCommands { CancelRequestedAt = time.GetUtcNow() })));
        Assert.False(CommandDecisions.MustNotCreate(State(OrderStatus.Received)));
        Assert.True(CommandDecisions.WaitsForStage(State(OrderStatus.Received), SubmitMoment.Stage));
        Assert.False(CommandDecisions.WaitsForStage(State(OrderStatus.Received), SubmitMoment.Created));
        Assert.False(CommandDecisions.WaitsForStage(State(OrderStatus.Received, commands: new OrderCommands { SubmitStageReachedAt = time.GetUtcNow() }), SubmitMoment.Stage));
    }

    [Fact]
    public void Stage_pairs_map_to_their_command_and_unlisted_pairs_to_none()
    {
        var options = new CommandOptions
        {
            Stages =
            [
                new StageMapping { PipelineId = "fba", StageId = "cancel", Command = StageCommand.Cancel },
                new StageMapping { PipelineId = "fba", StageId = "release", Command = StageCommand.Release },
            ],
        };

        Assert.Equal(StageCommand.Cancel, options.CommandFor("fba", "cancel"));
        Assert.Equal(StageCommand.Release, options.CommandFor("fba", "release"));
        Assert.Null(options.CommandFor("fba", "packed"));
        Assert.Null(options.CommandFor("payment", "cancel"));
    }

    [Fact]
    public void Settings_that_cannot_mean_one_thing_are_refused()
    {
        var submitOnStage = Microsoft.Extensions.Options.Options.Create(new LifecycleOptions { SubmitOn = SubmitMoment.Stage });
        var duplicate = new CommandOptions
        {
            Stages =
            [
                new StageMapping { PipelineId = "fba", StageId = "x", Command = StageCommand.Cancel },
                new StageMapping { PipelineId = "fba", StageId = "x", Command = StageCommand.Release },
                new StageMapping { PipelineId = "", StageId = "y", Command = StageCommand.Release },
            ],
        };

        var result = new CommandOptionsValidator(submitOnStage).Validate(null, duplicate);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Commands:Stages:2 needs PipelineId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("no Commands:Stages entry has Command Submit", StringComparison.Ordinal));
    }
}
