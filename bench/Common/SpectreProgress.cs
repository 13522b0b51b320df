using Spectre.Console;

namespace FbaMesh.Bench.Common;

/// <summary>Runs a scenario inside a Spectre progress display; notes are printed above it as they come.</summary>
public sealed class SpectreProgress(ProgressContext context) : IBenchProgress
{
    public static async Task<T> RunAsync<T>(Func<IBenchProgress, Task<T>> scenario) =>
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(ctx => scenario(new SpectreProgress(ctx)));

    public IProgressTrack Track(string description, double total) =>
        new SpectreTrack(context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total)));

    public void Note(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    private sealed class SpectreTrack(ProgressTask task) : IProgressTrack
    {
        public void Set(double value, string? description = null)
        {
            task.Value = Math.Min(value, task.MaxValue);
            if (description is not null)
            {
                task.Description = Markup.Escape(description);
            }
        }
    }
}
