using Microsoft.Extensions.Options;

namespace FbaMesh.FulfillmentTracker.Feeds;

/// <summary>
/// Configuration section "Poll". How often the poll runs is the cron binding's schedule
/// (components: fbamesh-tracking-poll, default @every 5m); this is what one poll looks at.
/// </summary>
internal sealed class PollOptions
{
    public const string SectionName = "Poll";

    /// <summary>The first poll (no watermark stored yet) asks for changes since this long ago.</summary>
    public TimeSpan FirstLookBack { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Each poll asks again for this much before the previous poll began: Amazon's clock, its eventual
    /// consistency and a change at the moment of the poll are all covered; repeats cost nothing.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Pages read per poll; past it the poll stops and the next one starts from the same watermark.</summary>
    public int MaxPages { get; set; } = 100;
}

internal sealed class PollOptionsValidator : IValidateOptions<PollOptions>
{
    public ValidateOptionsResult Validate(string? name, PollOptions options)
    {
        var errors = new List<string>();
        if (options.FirstLookBack <= TimeSpan.Zero || options.Overlap < TimeSpan.Zero)
        {
            errors.Add("Poll:FirstLookBack must be positive and Poll:Overlap not negative.");
        }

        if (options.MaxPages < 1)
        {
            errors.Add("Poll:MaxPages must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
