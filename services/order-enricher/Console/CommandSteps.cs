using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Orders.Index;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>
/// The shop's commands (cancel, release, submit on a stage, preview) as timeline steps. They are read from
/// the order's command history in its state, which every command writes under the order's ETag, rather
/// than copied into the index timeline: the page reads the state anyway, and a step cannot go missing
/// between two writes.
/// </summary>
internal static class CommandSteps
{
    public static IReadOnlyList<TimelineEntry> Merge(IReadOnlyList<TimelineEntry> timeline, OrderState state) =>
        state.Commands.History.Count == 0
            ? timeline
            : [.. timeline.Concat(state.Commands.History.Select(Step)).OrderBy(s => s.At)];

    private static TimelineEntry Step(CommandEntry entry)
    {
        var who = entry.AskedBy == CommandEntry.ByOperator ? "an operator"
            : entry.StageId is not null ? $"stage {entry.StageId} of pipeline {entry.PipelineId}"
            : "the enricher";
        var what = (entry.Command, entry.Outcome) switch
        {
            ("cancel", "cancelled") => "Cancelled at Amazon.",
            ("cancel", "cancelled-before-amazon") => "Cancelled before it reached Amazon.",
            ("cancel", "too-late") => $"Cancel asked, too late: Amazon has it {entry.Detail}.",
            ("cancel", "left-to-create") => "Cancel asked while it was being sent; the send cancels it.",
            ("cancel", "refused") => $"Cancel refused by Amazon ({entry.Detail}).",
            ("cancel", _) => "Cancel asked; Amazon could not be reached, asked again.",
            ("release", "released") => "Released: Amazon ships it.",
            ("release", "not-on-hold") => "Release asked; Amazon says it was not on hold.",
            ("release", "not-at-amazon") => "Release asked; Amazon holds no such order.",
            ("release", "refused") => $"Release refused by Amazon ({entry.Detail}).",
            ("release", _) => "Release asked; Amazon could not be reached, asked again.",
            _ => $"{entry.Command}: {entry.Outcome}{(entry.Detail is null ? "" : $" ({entry.Detail})")}.",
        };
        return new TimelineEntry(entry.At, entry.Command, $"{what} Asked by {who}.", ReasonCode: entry.Detail);
    }
}
