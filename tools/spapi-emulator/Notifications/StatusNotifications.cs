using System.Text;
using System.Threading.Channels;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Sends every published status change as a FULFILLMENT_ORDER_STATUS notification: a POST of the JSON to
/// the configured URL, retried a few times with a growing pause, then given up with a log line. Several
/// deliveries run at once, so, as with an SQS Standard queue, notifications may arrive out of order.
/// </summary>
public sealed partial class StatusNotifications : IAsyncDisposable
{
    private readonly NotificationOptions options;
    private readonly TimeProvider time;
    private readonly Channel<(OrderEvent Change, Guid Id, DateTimeOffset PublishedAt)> queue =
        Channel.CreateUnbounded<(OrderEvent, Guid, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> workers = [];
    private HttpClient? http;
    private ILogger logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private Uri? target;
    private long published;
    private long delivered;
    private long givenUp;
    private long attempts;
    private long inFlight;

    internal StatusNotifications(NotificationOptions options, TimeProvider time)
    {
        options.Validate();
        this.options = options;
        this.time = time;
        this.target = options.Target;
    }

    /// <summary>Where notifications go; null = off. Settable at run time (PUT /_emulator/notifications).</summary>
    public Uri? Url
    {
        get => Volatile.Read(ref target);
        set
        {
            if (value is not null && (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps)))
            {
                throw new ArgumentException("The notification URL must be an absolute http(s) URL.", nameof(value));
            }

            Volatile.Write(ref target, value);
        }
    }

    public NotificationCounts Counts => new(
        Interlocked.Read(ref this.published), Interlocked.Read(ref this.delivered), Interlocked.Read(ref this.givenUp),
        Interlocked.Read(ref this.attempts), Interlocked.Read(ref this.inFlight));

    internal void Start(ILogger notificationLogger)
    {
        this.logger = notificationLogger;
        this.http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < this.options.Parallelism; i++)
        {
            this.workers.Add(Task.Run(DeliverAllAsync));
        }
    }

    internal void Publish(OrderEvent change)
    {
        if (Url is null)
        {
            return;
        }

        Interlocked.Increment(ref this.published);
        Interlocked.Increment(ref this.inFlight);
        this.queue.Writer.TryWrite((change, Guid.NewGuid(), this.time.GetUtcNow()));
    }

    internal void ResetCounts()
    {
        Interlocked.Exchange(ref this.published, 0);
        Interlocked.Exchange(ref this.delivered, 0);
        Interlocked.Exchange(ref this.givenUp, 0);
        Interlocked.Exchange(ref this.attempts, 0);
    }

    private async Task DeliverAllAsync()
    {
        try
        {
            await foreach (var (change, id, publishedAt) in this.queue.Reader.ReadAllAsync(this.stopping.Token))
            {
                try
                {
                    await DeliverAsync(NotificationPayload.Build(change, this.options.SellerId, id, publishedAt).ToJsonString(), change, id);
                }
                finally
                {
                    Interlocked.Decrement(ref this.inFlight);
                }
            }
        }
        catch (OperationCanceledException) when (this.stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(string json, OrderEvent change, Guid id)
    {
        var delay = this.options.RetryDelay;
        string last = "";
        for (var attempt = 1; attempt <= this.options.MaxAttempts; attempt++)
        {
            if (Url is not { } url)
            {
                return;
            }

            Interlocked.Increment(ref this.attempts);
            try
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await this.http!.PostAsync(url, content, this.stopping.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref this.delivered);
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.HttpRequestError.ToString();
            }
            catch (TaskCanceledException) when (!this.stopping.IsCancellationRequested)
            {
                last = "timeout";
            }

            if (attempt < this.options.MaxAttempts)
            {
                await Task.Delay(delay, this.time, this.stopping.Token);
                delay *= 2;
            }
        }

        Interlocked.Increment(ref this.givenUp);
        LogGaveUp(id, change.SellerFulfillmentOrderId, change.EventType, this.options.MaxAttempts, last);
    }

    public async ValueTask DisposeAsync()
    {
        this.queue.Writer.TryComplete();
        await this.stopping.CancelAsync();
        try
        {
            await Task.WhenAll(this.workers);
        }
        catch (OperationCanceledException)
        {
        }

        this.http?.Dispose();
        this.stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up notification {NotificationId} ({EventType} change of {SellerFulfillmentOrderId}) after {Attempts} attempts; last: {Last}")]
    private partial void LogGaveUp(Guid notificationId, string sellerFulfillmentOrderId, string eventType, int attempts, string last);
}

/// <summary>Notifications published, delivered (2xx), given up after every attempt, attempts made, and still queued or in delivery.</summary>
public sealed record NotificationCounts(long Published, long Delivered, long GivenUp, long Attempts, long Pending);
