using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Pipeline;

internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var errors = new List<string>();
        if (options.MaxAttempts < 1)
        {
            errors.Add("Pipeline:MaxAttempts must be at least 1.");
        }

        if (options.ClaimLease < TimeSpan.Zero)
        {
            errors.Add("Pipeline:ClaimLease may not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
