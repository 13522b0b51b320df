using FbaMesh.LoopbackPorts;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>The SP-API emulator on a free port, and the submitter pointed at it.</summary>
public static class AmazonEmulator
{
    public static Task<SpApiEmulatorApp> StartAsync(Action<SpApiEmulatorOptions>? configure = null)
    {
        var options = new SpApiEmulatorOptions { Port = FreeTcpPort.Next() };
        configure?.Invoke(options);
        return SpApiEmulatorApp.StartAsync(options);
    }

    /// <summary>Settings that point the submitter at the emulator for both SP-API and Login with Amazon.</summary>
    public static Dictionary<string, string> SettingsFor(SpApiEmulatorApp amazon, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["SpApi:EndpointOverride"] = amazon.BaseAddress.ToString(),
            ["SpApi:TokenEndpointOverride"] = amazon.TokenEndpoint.ToString(),
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static int OrdersWithId(this SpApiEmulatorApp amazon, string id) =>
        amazon.FulfillmentOrders.Count(o => o.SellerFulfillmentOrderId == id);

    /// <summary>Every SP-API call the emulator answered, whatever the operation.</summary>
    public static long SpApiRequests(this SpApiEmulatorApp amazon) =>
        amazon.Stats.Snapshot().ByOperation.Values.Sum(o => o.Requests);
}
