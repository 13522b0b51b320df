using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Pipeline;

internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var errors = new List<string>();
        if (options.ClaimLease < TimeSpan.Zero)
        {
            errors.Add("Pipeline:ClaimLease may not be negative.");
        }

        if (options.DeliveryBudget <= TimeSpan.Zero || options.DeliveryBudget >= options.ClaimLease)
        {
            errors.Add("Pipeline:DeliveryBudget must be positive and shorter than Pipeline:ClaimLease, or a claim could expire under running work.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
