using System.CommandLine;
using FbaMesh.Bench.Common;

namespace FbaMesh.Bench.Cli;

/// <summary>What a scenario's action answers: its exit code and, unless clean, why.</summary>
public sealed record ScenarioVerdict(int ExitCode, string? Why)
{
    public static ScenarioVerdict Clean { get; } = new(0, null);

    /// <summary>0 when clean; otherwise 1 and what was not (lost, duplicated, …).</summary>
    public static ScenarioVerdict Of(bool clean, string whyNot) => clean ? Clean : new(ScenarioAction.NotClean, whyNot);

    /// <summary>Options that cannot run together: 2 and why.</summary>
    public static ScenarioVerdict Refused(string why) => new(ScenarioAction.RefusedOptions, why);
}

/// <summary>
/// How every scenario command ends, so none ends silently: 0 clean; 1 not clean, why on stderr (the
/// table and the JSON carry the figures); 2 refused options; 3 the run broke before its verdict; 130
/// interrupted. For 2, 3 and 130 stderr says why and --json, when given, holds a <see cref="BenchFailure"/>.
/// Without this, System.CommandLine's own handler turns an OperationCanceledException (an HttpClient
/// timeout, a stop token reaching an awaited task) into exit 1 with nothing printed at all.
/// </summary>
public static class ScenarioAction
{
    public const int NotClean = 1;
    public const int RefusedOptions = 2;
    public const int Broken = 3;

    /// <summary>Ctrl+C or SIGTERM (128 + SIGINT, as a shell reports an interrupted command).</summary>
    public const int Interrupted = 130;

    public static void Set(Command command, Option<string?> json, Func<ParseResult, CancellationToken, Task<ScenarioVerdict>> run) =>
        command.SetAction((parse, ct) => RunAsync(command.Name, parse.GetValue(json), parse.InvocationConfiguration.Error, () => run(parse, ct), ct));

    public static async Task<int> RunAsync(string scenario, string? jsonPath, TextWriter error, Func<Task<ScenarioVerdict>> run, CancellationToken ct)
    {
        // An exception on a thread of its own ends the process whatever is done here (the runtime prints
        // it and aborts); what can still be left behind is the JSON and a line that names the scenario.
        UnhandledExceptionEventHandler crashed = (_, e) =>
            Leave(BenchFailure.Of(scenario, e.ExceptionObject as Exception ?? new InvalidOperationException($"{e.ExceptionObject}"), interrupted: false), jsonPath, error);
        AppDomain.CurrentDomain.UnhandledException += crashed;

        // Said at once: after Ctrl+C or SIGTERM the run has only the termination timeout to stop its mesh.
        using var interrupted = ct.Register(() => Leave(BenchFailure.Of(scenario, new OperationCanceledException(ct), interrupted: true), jsonPath, error));
        try
        {
            var verdict = await run();
            if (verdict.ExitCode == RefusedOptions)
            {
                Leave(BenchFailure.Refused(scenario, verdict.Why ?? "the options were refused"), jsonPath, error);
            }
            else if (verdict.ExitCode != 0)
            {
                Say(error, $"bench {scenario}: not clean: {verdict.Why}");
            }

            return verdict.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (Exception ex)
        {
            Leave(BenchFailure.Of(scenario, ex, interrupted: false), jsonPath, error);
            return Broken;
        }
        finally
        {
            AppDomain.CurrentDomain.UnhandledException -= crashed;
        }
    }

    private static void Leave(BenchFailure failure, string? jsonPath, TextWriter error)
    {
        // The file first: stderr may be a console that is gone.
        string? jsonProblem = null;
        try
        {
            BenchJson.Write(failure, jsonPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            jsonProblem = $"(the JSON report could not be written to {jsonPath}: {ex.Message})";
        }

        var detail = failure.Outcome == BenchFailure.Broken && failure.Exception is { } exception ? Environment.NewLine + exception.Detail : string.Empty;
        Say(error, $"{failure.Reason}{detail}{Environment.NewLine}load average {failure.LoadAverage}{(jsonProblem is null ? string.Empty : Environment.NewLine + jsonProblem)}");
    }

    private static void Say(TextWriter error, string text)
    {
        try
        {
            error.WriteLine(text);
            error.Flush();
        }
        catch (IOException)
        {
            // Nowhere left to say it; the exit code and the JSON still do.
        }
    }
}
