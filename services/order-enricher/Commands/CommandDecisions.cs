using FbaMesh.OrderEnricher.Orders;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>What a cancel from the shop does to an order in the state it is in.</summary>
internal enum CancelStep
{
    /// <summary>Decided before (cancelled or too-late); only an owed report to the shop remains, if any.</summary>
    AlreadyDecided,

    /// <summary>Nothing for Amazon (skipped: no FBA lines): nothing to cancel.</summary>
    NothingToCancel,

    /// <summary>Never sent to Amazon and nobody sending it: ends cancelled without asking Amazon.</summary>
    CancelBeforeAmazon,

    /// <summary>A create is in flight: record the request; the create cancels right after it, or does not create.</summary>
    LeaveToCreate,

    /// <summary>Another delivery of this command is carrying it out now.</summary>
    Busy,

    /// <summary>Amazon may hold it: ask Amazon to cancel.</summary>
    CancelAtAmazon,
}

/// <summary>What a delivery does about telling the shop a cancel's outcome.</summary>
internal enum ReportStep
{
    /// <summary>No outcome yet, or the shop was told: nothing to do.</summary>
    NothingOwed,

    /// <summary>Another delivery holds a live claim to tell it: come back for the result.</summary>
    Busy,

    /// <summary>Owed and unclaimed (or its claim ran out): claim it, then tell the shop.</summary>
    Report,
}

/// <summary>What a release from the shop does.</summary>
internal enum ReleaseStep
{
    AlreadyReleased,
    NotOnHold,
    CancelledBefore,
    NotAtAmazonYet,
    WaitForCreate,
    Busy,
    ReleaseAtAmazon,
}

/// <summary>What entering the submit stage does.</summary>
internal enum SubmitStep
{
    SubmitsOnCreation,
    AlreadyUnderway,
    CancelledBefore,
    Submit,
}

/// <summary>
/// The decisions of the shop's commands as pure functions of the order's state and the time, so each is
/// tested with a fake clock; the handlers do the reading, the writing and the calls.
/// </summary>
internal static class CommandDecisions
{
    public const string CancelledByShop = "cancelled-by-shop";

    public static bool CreateInFlight(OrderState state, DateTimeOffset now, TimeSpan claimLease) =>
        !state.IsFinal && state.ClaimedBy is not null && now - state.UpdatedAt < claimLease;

    public static bool CommandRunning(OrderState state, DateTimeOffset now, TimeSpan commandLease) =>
        state.Commands.Running is { } running && now - running.Since < commandLease;

    /// <summary>True when an earlier delivery may have reached Amazon's create (so only Amazon can say whether it holds the order).</summary>
    public static bool MayBeAtAmazon(OrderState state) =>
        state.Status is OrderStatus.Submitted
        || (state.Status is not (OrderStatus.Skipped or OrderStatus.AwaitingStage) && state.Attempts > 0);

    public static CancelStep Cancel(OrderState? state, DateTimeOffset now, TimeSpan claimLease, TimeSpan commandLease)
    {
        if (state is null)
        {
            return CancelStep.CancelBeforeAmazon;
        }

        if (state.Commands.CancelOutcome is not null)
        {
            return CancelStep.AlreadyDecided;
        }

        if (state.Status == OrderStatus.Skipped)
        {
            return CancelStep.NothingToCancel;
        }

        if (CreateInFlight(state, now, claimLease))
        {
            return CancelStep.LeaveToCreate;
        }

        if (CommandRunning(state, now, commandLease))
        {
            return CancelStep.Busy;
        }

        return MayBeAtAmazon(state) ? CancelStep.CancelAtAmazon : CancelStep.CancelBeforeAmazon;
    }

    public static ReportStep ReportCancel(OrderState? state, DateTimeOffset now, TimeSpan reportLease)
    {
        if (state is not { Commands.CancelOutcome: not null } || state.Commands.CancelReportedAt is not null)
        {
            return ReportStep.NothingOwed;
        }

        return state.Commands.CancelReporting is { } claim && now - claim.Since < reportLease ? ReportStep.Busy : ReportStep.Report;
    }

    public static ReleaseStep Release(OrderState? state, DateTimeOffset now, TimeSpan claimLease, TimeSpan commandLease)
    {
        if (state is null)
        {
            return ReleaseStep.NotAtAmazonYet;
        }

        if (state.Commands.ReleasedAt is not null)
        {
            return ReleaseStep.AlreadyReleased;
        }

        if (state.Commands.CancelOutcome is not null || state.Commands.CancelRequestedAt is not null)
        {
            return ReleaseStep.CancelledBefore;
        }

        if (CreateInFlight(state, now, claimLease))
        {
            return ReleaseStep.WaitForCreate;
        }

        if (state.Status != OrderStatus.Submitted)
        {
            return ReleaseStep.NotAtAmazonYet;
        }

        if (state.Commands.FulfillmentAction == ShipAction)
        {
            return ReleaseStep.NotOnHold;
        }

        return CommandRunning(state, now, commandLease) ? ReleaseStep.Busy : ReleaseStep.ReleaseAtAmazon;
    }

    public static SubmitStep Submit(OrderState? state, SubmitMoment submitOn)
    {
        if (submitOn != SubmitMoment.Stage)
        {
            return SubmitStep.SubmitsOnCreation;
        }

        if (state is null)
        {
            return SubmitStep.Submit;
        }

        if (state.Commands.CancelOutcome is not null || state.Commands.CancelRequestedAt is not null)
        {
            return SubmitStep.CancelledBefore;
        }

        return state.Status == OrderStatus.AwaitingStage || (state.Status == OrderStatus.Received && state.Commands.SubmitStageReachedAt is null)
            ? SubmitStep.Submit
            : SubmitStep.AlreadyUnderway;
    }

    /// <summary>A delivery of orders.received must stop before Amazon: cancelled by the shop, or its submit stage not reached.</summary>
    public static bool MustNotCreate(OrderState state) =>
        state.Commands.CancelRequestedAt is not null || state.Commands.CancelOutcome == CancelOutcomes.Cancelled;

    public static bool WaitsForStage(OrderState state, SubmitMoment submitOn) =>
        submitOn == SubmitMoment.Stage && state.Commands.SubmitStageReachedAt is null;

    /// <summary>A final state for an order the shop's cancel ended, with the cancel recorded as done.</summary>
    private static OrderState EndedByShop(OrderState state, OrderStatus status, string message, OrderCommands commands, DateTimeOffset now) => state with
    {
        Status = status,
        ReasonCode = CancelledByShop,
        ReasonMessage = message,
        ClaimedBy = null,
        NextAttemptAt = null,
        Commands = commands with { CancelOutcome = CancelOutcomes.Cancelled },
        UpdatedAt = now,
        CompletedAt = now,
    };

    /// <summary>
    /// The order after Amazon's answer to a cancel. <paramref name="createdNow"/>: the create path itself
    /// just had Amazon accept the order, so it stays an Amazon order whatever the cancel said.
    /// </summary>
    public static OrderState ApplyCancel(OrderState state, CancelAnswer answer, DateTimeOffset now, bool createdNow, CommandEntry asked)
    {
        var commands = state.Commands with { Running = null };
        switch (answer)
        {
            case CancelAnswer.Cancelled when createdNow || state.Status == OrderStatus.Submitted:
                // Submitted stays Submitted: the tracker brings Amazon's Cancelled to the order.
                commands = commands.With(asked with { At = now, Outcome = "cancelled" }) with { CancelOutcome = CancelOutcomes.Cancelled };
                return state with { Commands = commands, UpdatedAt = now };

            case CancelAnswer.Cancelled:
                // Amazon held the order (an earlier delivery created it, or its finishing write lost to this
                // cancel) and has cancelled it: that is final, and later news of Amazon's Cancelled changes nothing.
                return EndedByShop(state, OrderStatus.Cancelled, "The shop cancelled the order; Amazon cancelled it before it shipped.", commands.With(asked with { At = now, Outcome = "cancelled" }), now);

            case CancelAnswer.NotAtAmazon:
                return EndedByShop(state, OrderStatus.Skipped, "The shop cancelled the order; Amazon holds no order that could ship.", commands.With(asked with { At = now, Outcome = "cancelled-before-amazon" }), now);

            case CancelAnswer.TooLate late:
                commands = commands.With(asked with { At = now, Outcome = CancelOutcomes.TooLate, Detail = late.AmazonStatus }) with { CancelOutcome = CancelOutcomes.TooLate };
                return state.Status == OrderStatus.Submitted || createdNow
                    ? state with { Commands = commands, UpdatedAt = now }
                    : state with { Status = OrderStatus.Submitted, SubmitOutcome = state.SubmitOutcome ?? "ALREADY_EXISTS", ReasonCode = null, ReasonMessage = null, ClaimedBy = null, NextAttemptAt = null, Commands = commands, UpdatedAt = now, CompletedAt = now };

            case CancelAnswer.Refused refused:
                return state with { Commands = commands.With(asked with { At = now, Outcome = "refused", Detail = refused.ReasonCode }), UpdatedAt = now };

            default:
                return state with { Commands = commands.With(asked with { At = now, Outcome = "retry" }), UpdatedAt = now };
        }
    }

    public const string ShipAction = "Ship";
    public const string HoldAction = "Hold";
}
