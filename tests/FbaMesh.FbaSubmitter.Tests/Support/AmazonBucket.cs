namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>Amazon's token bucket for one usage plan: full at first, refilled continuously at the rate.</summary>
internal static class AmazonBucket
{
    public static void AssertConforms(IReadOnlyList<DateTimeOffset> sent, double rate, int burst)
    {
        double tokens = burst;
        var last = sent.Count > 0 ? sent[0] : default;
        for (var i = 0; i < sent.Count; i++)
        {
            tokens = Math.Min(burst, tokens + ((sent[i] - last).TotalSeconds * rate));
            last = sent[i];
            tokens -= 1;
            Assert.True(tokens > -1e-9,
                $"Request {i + 1} of {sent.Count} at +{(sent[i] - sent[0]).TotalMilliseconds:0.#} ms found Amazon's bucket empty (plan {rate}/s, burst {burst}).");
        }
    }
}
