using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Sweep;

internal sealed class SweepOptionsValidator : IValidateOptions<SweepOptions>
{
    public ValidateOptionsResult Validate(string? name, SweepOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BindingName) || !options.BindingName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("Sweep:BindingName must name a Dapr input binding (letters, digits, '-', '_', '.').");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            errors.Add("Sweep:Window must be positive.");
        }

        if (options.PageSize is < 1 or > 100)
        {
            errors.Add("Sweep:PageSize must be between 1 and 100.");
        }

        if (options.PageInterval < TimeSpan.Zero || options.MinInterval < TimeSpan.Zero)
        {
            errors.Add("Sweep:PageInterval and Sweep:MinInterval may not be negative.");
        }

        if (options.MaxPages < 1)
        {
            errors.Add("Sweep:MaxPages must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
