namespace FbaMesh.SpApiEmulator;

/// <summary>Where and how the emulator delivers FULFILLMENT_ORDER_STATUS notifications (section "Notifications").</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Each notification is POSTed here as JSON; empty = notifications off.</summary>
    public string? Url { get; set; }

    /// <summary>Attempts per notification before it is given up with a log line.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the second attempt; doubles for each further one (on the emulator's clock).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Notifications in flight at once: deliveries overlap, so, as with SQS Standard, order is not guaranteed.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>How often orders are moved along by the clock (status steps, hold expiry) so their notifications go out unasked.</summary>
    public TimeSpan ClockSweep { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The selling partner id the notification names (fake).</summary>
    public string SellerId { get; set; } = "A1EMULATORSELLER";

    public Uri? Target => string.IsNullOrWhiteSpace(Url) ? null : new Uri(Url, UriKind.Absolute);

    internal void Validate()
    {
        if (!string.IsNullOrWhiteSpace(Url) && (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"Notifications:Url must be an absolute http(s) URL, not '{Url}'.");
        }

        if (MaxAttempts < 1 || Parallelism < 1 || RetryDelay < TimeSpan.Zero || ClockSweep <= TimeSpan.Zero)
        {
            throw new ArgumentException("Notifications: MaxAttempts and Parallelism must be at least 1, RetryDelay not negative, ClockSweep positive.");
        }
    }
}
