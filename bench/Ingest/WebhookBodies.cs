using FbaMesh.Bench.Common;
using FbaMesh.Crystallize.Signing;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.CrystallizeEmulator.Webhooks;

namespace FbaMesh.Bench.Ingest;

/// <summary>
/// Real order-created webhook bodies (the sample orders under fresh ids, shaped by the emulator's
/// attached query exactly as Crystallize sends them) and a signer that signs each request afresh.
/// </summary>
public sealed class WebhookBodies
{
    // components/secrets.dev.json: what the gateway's sidecar hands it as crystallize-webhook.signatureSecret.
    public const string DevSecret = "dev-only-fake-signature-secret-0000000000";
    private static readonly SignatureClaims Claims = new("65f0c0ffee0000000000cafe", "fbamesh-dev", "65f0c0ffee0000000000beef");

    private readonly SignatureSigner signer = new(DevSecret, TimeProvider.System);

    private WebhookBodies(IReadOnlyList<byte[]> bodies) => Bodies = bodies;

    public IReadOnlyList<byte[]> Bodies { get; }

    public double AverageBytes => Bodies.Average(b => b.Length);

    public static WebhookBodies Create(string repositoryRoot, int count)
    {
        var store = new OrderStore(TimeProvider.System, OrderReadability.Immediately);
        var bodies = new List<byte[]>();
        foreach (var order in BenchSampleOrders.Load(repositoryRoot).Take(count, fbaOnly: false))
        {
            store.Put(order.Id, order.Order);
            bodies.Add(OrderCreatedWebhook.BuildBody(store, order.Id)!);
        }

        return new WebhookBodies(bodies);
    }

    /// <summary>
    /// Crystallize signs for one second; the bench signs for a minute, so a request answered late on a
    /// loaded machine is not refused as expired by a side without clock tolerance (Crystallize's own
    /// JavaScript verifier has none, the gateway allows a skew). Verifying costs the same either way.
    /// </summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(1);

    /// <summary>A fresh X-Crystallize-Signature over this URL, method and body.</summary>
    public string Sign(Uri url, byte[] body) => signer.CreateToken(url.OriginalString, "POST", body, Claims, TokenLifetime);
}
