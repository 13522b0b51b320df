namespace FbaMesh.SpApiEmulator;

/// <summary>An SP-API usage plan: a token bucket refilled at <see cref="Rate"/> requests per second holding at most <see cref="Burst"/>.</summary>
public sealed record UsagePlan(double Rate, int Burst)
{
    /// <summary>The model's default for createFulfillmentOrder and most fulfillment outbound operations.</summary>
    public static UsagePlan Default { get; } = new(2, 30);

    /// <summary>The plan the SP-API sandbox applies.</summary>
    public static UsagePlan Sandbox { get; } = new(5, 15);

    public void Validate()
    {
        if (!(Rate > 0) || double.IsInfinity(Rate))
        {
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "A usage plan rate must be a positive number of requests per second.");
        }

        if (Burst < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Burst), Burst, "A usage plan burst must be at least 1.");
        }
    }

    /// <summary>The x-amzn-RateLimit-Limit header value, written the way SP-API writes it ("2.0", "0.0167").</summary>
    public string HeaderValue => Rate.ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture);
}
