using System.Net;
using System.Text.Json.Nodes;

namespace FbaMesh.FunctionalTests.Mesh;

/// <summary>
/// What the container mesh waits for, asked over HTTP from this machine (the daprd image is
/// distroless: no shell inside to probe a port with).
/// </summary>
internal static class DaprdProbes
{
    /// <summary>Answers 204 once daprd's own APIs and components are up, before its app is: the sidecars start first.</summary>
    public const string OutboundHealthPath = "/v1.0/healthz/outbound";

    public const HttpStatusCode OutboundHealthy = HttpStatusCode.NoContent;

    public const string MetadataPath = "/v1.0/metadata";

    /// <summary>Whether a /v1.0/metadata answer lists a subscription of the app to this pub/sub topic.</summary>
    public static bool ListsSubscription(string metadataJson, string pubsub, string topic) =>
        JsonNode.Parse(metadataJson)?["subscriptions"] is JsonArray subscriptions
        && subscriptions.Any(s => (string?)s?["pubsubname"] == pubsub && (string?)s?["topic"] == topic);

    /// <summary>Polls the sidecar's metadata until it lists the subscription; the timeout is a ceiling.</summary>
    public static async Task WaitForSubscriptionAsync(HttpClient http, Uri sidecar, string pubsub, string topic, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var last = "no answer";
        try
        {
            while (true)
            {
                try
                {
                    last = await http.GetStringAsync(new Uri(sidecar, MetadataPath), deadline.Token);
                    if (ListsSubscription(last, pubsub, topic))
                    {
                        return;
                    }
                }
                catch (HttpRequestException ex)
                {
                    last = ex.Message;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The sidecar at {sidecar} listed no subscription to {pubsub}/{topic} within {timeout.TotalSeconds:0} s; last metadata: {last}");
        }
    }
}
