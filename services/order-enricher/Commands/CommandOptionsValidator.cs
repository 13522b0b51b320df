using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>Refuses a stage map that cannot mean one thing, and SubmitOn=stage without a submit stage.</summary>
internal sealed class CommandOptionsValidator(IOptions<LifecycleOptions> lifecycle) : IValidateOptions<CommandOptions>
{
    public ValidateOptionsResult Validate(string? name, CommandOptions options)
    {
        var failures = new List<string>();
        foreach (var (stage, index) in options.Stages.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(stage.PipelineId) || string.IsNullOrWhiteSpace(stage.StageId))
            {
                failures.Add($"Commands:Stages:{index} needs PipelineId and StageId.");
            }

            if (!Enum.IsDefined(stage.Command))
            {
                failures.Add($"Commands:Stages:{index}:Command must be Cancel, Release or Submit.");
            }
        }

        failures.AddRange(options.Stages
            .GroupBy(s => (s.PipelineId, s.StageId))
            .Where(g => g.Count() > 1)
            .Select(g => $"Commands:Stages maps pipeline '{g.Key.PipelineId}' stage '{g.Key.StageId}' more than once."));

        if (lifecycle.Value.SubmitOn == SubmitMoment.Stage && !options.Stages.Any(s => s.Command == StageCommand.Submit))
        {
            failures.Add("Lifecycle:SubmitOn is Stage, but no Commands:Stages entry has Command Submit: orders would never reach Amazon.");
        }

        if (options.Lease <= TimeSpan.Zero)
        {
            failures.Add("Commands:Lease must be positive.");
        }

        if (options.ReportLease <= TimeSpan.Zero)
        {
            failures.Add("Commands:ReportLease must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
