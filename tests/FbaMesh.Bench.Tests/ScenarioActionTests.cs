using System.CommandLine;
using System.Text.Json;
using FbaMesh.Bench.Cli;
using Xunit;

namespace FbaMesh.Bench.Tests;

/// <summary>Every way a scenario command ends says why: on stderr, and in the JSON when --json is given.</summary>
public sealed class ScenarioActionTests : IDisposable
{
    private readonly string jsonPath = Path.Combine(Path.GetTempPath(), "fbamesh-bench-tests", Guid.NewGuid().ToString("n") + ".json");
    private readonly StringWriter error = new();

    [Fact]
    public async Task A_cancellation_nobody_asked_for_exits_3_and_says_why_on_stderr_and_in_the_json()
    {
        // An HttpClient timeout or a stop token reaching an awaited task: System.CommandLine alone prints nothing and exits 1.
        var code = await ScenarioAction.RunAsync("chaos", jsonPath, error, async () =>
        {
            await Task.Yield();
            throw new TaskCanceledException("A task was canceled.");
        }, CancellationToken.None);

        Assert.Equal(ScenarioAction.Broken, code);
        Assert.Contains("bench chaos broke before its verdict: TaskCanceledException: A task was canceled.", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("load average", error.ToString(), StringComparison.Ordinal);
        var json = await ReadJsonAsync();
        Assert.Equal("broken", json.GetProperty("outcome").GetString());
        Assert.False(json.GetProperty("clean").GetBoolean());
        Assert.Equal("chaos", json.GetProperty("scenario").GetString());
        Assert.Equal(typeof(TaskCanceledException).FullName, json.GetProperty("exception").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Any_other_exception_exits_3_with_its_stack_trace_on_stderr()
    {
        var code = await ScenarioAction.RunAsync("drain", null, error, async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("fba-submitter was not ready within 60 s");
        }, CancellationToken.None);

        Assert.Equal(ScenarioAction.Broken, code);
        Assert.Contains("bench drain broke before its verdict: InvalidOperationException: fba-submitter was not ready within 60 s", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(Any_other_exception_exits_3_with_its_stack_trace_on_stderr), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_exits_130_and_says_the_run_was_interrupted()
    {
        using var interrupt = new CancellationTokenSource();
        await interrupt.CancelAsync();

        var code = await ScenarioAction.RunAsync("chaos", jsonPath, error, async () =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, interrupt.Token);
            return ScenarioVerdict.Clean;
        }, interrupt.Token);

        Assert.Equal(ScenarioAction.Interrupted, code);
        Assert.Single(error.ToString().Split(Environment.NewLine), line => line.Contains("bench chaos was interrupted", StringComparison.Ordinal));
        Assert.Equal("interrupted", (await ReadJsonAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_run_that_is_not_clean_exits_1_and_says_what_was_not_on_stderr()
    {
        var code = await ScenarioAction.RunAsync("chaos", jsonPath, error, () => Task.FromResult(ScenarioVerdict.Of(false, "run 1: lost 2, duplicated 0")), CancellationToken.None);

        Assert.Equal(ScenarioAction.NotClean, code);
        Assert.Contains("bench chaos: not clean: run 1: lost 2, duplicated 0", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_run_exits_0_and_says_nothing_on_stderr()
    {
        var code = await ScenarioAction.RunAsync("chaos", jsonPath, error, () => Task.FromResult(ScenarioVerdict.Of(true, "unused")), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        Assert.False(File.Exists(jsonPath), "a clean run's JSON is the scenario's report, written by the command, not a failure");
    }

    [Fact]
    public async Task Refused_options_on_the_command_line_exit_2_with_the_reason_on_stderr_and_in_the_json()
    {
        using var output = new StringWriter();

        var code = await BenchCommandLine.Build().Parse(["chaos", "--kill-all", "--json", jsonPath])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ScenarioAction.RefusedOptions, code);
        Assert.Contains("bench chaos: --kill-all needs --durable", error.ToString(), StringComparison.Ordinal);
        var json = await ReadJsonAsync();
        Assert.Equal("refused-options", json.GetProperty("outcome").GetString());
        Assert.Contains("--kill-all needs --durable", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        error.Dispose();
        File.Delete(jsonPath);
    }

    private async Task<JsonElement> ReadJsonAsync()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath));
        return document.RootElement.Clone();
    }
}
