namespace FbaMesh.OrderEnricher.Orders;

/// <summary>
/// What the shop asked of an order through pipeline stages, and what came of it (stored inside the order
/// state, so every command is decided under the same ETag as the create). Holds ids, times and codes only.
/// </summary>
internal sealed record OrderCommands
{
    public static OrderCommands None { get; } = new();

    /// <summary>Ship or Hold: the fulfillment action the order was created with at Amazon.</summary>
    public string? FulfillmentAction { get; init; }

    /// <summary>When the shop asked to cancel; a create that sees it cancels right after, or does not create.</summary>
    public DateTimeOffset? CancelRequestedAt { get; init; }

    /// <summary>cancelled or too-late once decided (the value of the order's meta fba-cancel).</summary>
    public string? CancelOutcome { get; init; }

    /// <summary>When meta fba-cancel (and for too-late the event) reached Crystallize; null while owed.</summary>
    public DateTimeOffset? CancelReportedAt { get; init; }

    /// <summary>
    /// Who is telling the shop the cancel's outcome now, and since when: claimed under the state's ETag before
    /// Crystallize is written, so two deliveries never both tell it; a claim older than Commands:ReportLease
    /// is taken over (its holder is presumed gone), so a report is never lost to a crash.
    /// </summary>
    public CommandLease? CancelReporting { get; init; }

    /// <summary>When Amazon took the release of a Hold order (fulfillmentAction Ship).</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>When the order entered the configured submit stage (Lifecycle:SubmitOn = stage).</summary>
    public DateTimeOffset? SubmitStageReachedAt { get; init; }

    /// <summary>When Amazon's preview said the order can be fulfilled; not asked again after that.</summary>
    public DateTimeOffset? PreviewPassedAt { get; init; }

    /// <summary>A command being carried out on an order no delivery claims (a final one): who, since when.</summary>
    public CommandLease? Running { get; init; }

    /// <summary>Every command and what came of it, oldest first: the order's timeline of shop commands.</summary>
    public IReadOnlyList<CommandEntry> History { get; init; } = [];

    public OrderCommands With(CommandEntry entry) => this with { History = [.. History, entry] };

    public bool Equals(OrderCommands? other) =>
        other is not null
        && FulfillmentAction == other.FulfillmentAction
        && CancelRequestedAt == other.CancelRequestedAt
        && CancelOutcome == other.CancelOutcome
        && CancelReportedAt == other.CancelReportedAt
        && Equals(CancelReporting, other.CancelReporting)
        && ReleasedAt == other.ReleasedAt
        && SubmitStageReachedAt == other.SubmitStageReachedAt
        && PreviewPassedAt == other.PreviewPassedAt
        && Equals(Running, other.Running)
        && History.SequenceEqual(other.History);

    public override int GetHashCode() => HashCode.Combine(CancelOutcome, ReleasedAt, SubmitStageReachedAt, History.Count);
}

/// <summary>
/// One step of a command: what (cancel, release, submit, preview), what came of it, when, and who asked:
/// the stage that asked, or <see cref="ByOperator"/> in <paramref name="AskedBy"/> when an operator asked in the console.
/// </summary>
internal sealed record CommandEntry(DateTimeOffset At, string Command, string Outcome, string? PipelineId = null, string? StageId = null, string? Detail = null, string? AskedBy = null)
{
    public const string ByOperator = "operator";
}

/// <summary>A command's hold on a final order, so a redelivered stage event does not do it a second time.</summary>
internal sealed record CommandLease(string Command, string By, DateTimeOffset Since);
