using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.DevMesh;
using FbaMesh.FunctionalTests.Mesh;
using FbaMesh.FunctionalTests.Support;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;
using Xunit;
using Xunit.Abstractions;
using CrystallizeFault = FbaMesh.CrystallizeEmulator.Admin.FaultRule;
using Readability = FbaMesh.CrystallizeEmulator.Orders.OrderReadability;

namespace FbaMesh.FunctionalTests.Scenarios;

/// <summary>
/// Orders with a canary in every personal field run through the whole devmesh to success and to every
/// failure kind the pipeline has; afterwards no canary may be in a service's log or exported telemetry
/// (spans with their attributes, events and exceptions, and metric points, exported to the console the
/// mesh captures), a state value, a published event, an operator API answer, or a page of the operator console.
/// </summary>
public sealed class PersonalDataTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan GiveUpHorizon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task No_name_address_email_phone_or_Amazon_message_leaves_the_order_on_any_path()
    {
        var canaries = new PersonalDataCanaries();
        var options = MeshSettings.EmulatedOptions();
        foreach (var app in new[] { "webhook-gateway", "order-enricher", "fba-submitter", "fulfillment-tracker" })
        {
            if (!options.AppEnvironment.TryGetValue(app, out var env))
            {
                options.AppEnvironment[app] = env = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            env["Telemetry__ExportToConsole"] = "true";
        }

        // Short Amazon deadlines so "Amazon keeps failing" parks quickly. The horizon is roomy, so an order that
        // should get through after trouble does so on a crowded machine; the three that must give up wait it
        // out together at the end, so it is waited for once.
        options.AppEnvironment["order-enricher"]["Redrive__Horizon"] = GiveUpHorizon.ToString("c");
        options.AppEnvironment["fba-submitter"]["SpApi__CallDeadline"] = "00:00:03";
        options.AppEnvironment["fba-submitter"]["SpApi__AttemptTimeout"] = "00:00:01";
        options.AppEnvironment["fba-submitter"]["SpApi__MaxBackoff"] = "00:00:00.500";

        var expected = new List<(string Id, string Case, string Status, string? Reason)>();
        var leaks = new CanaryLeaks(canaries.Marker);
        await using (var mesh = await DevMesh.Mesh.StartAsync(options))
        {
            // Kinds that need no fault at Amazon run side by side.
            expected.Add(await SendAsync(mesh, canaries, "Ok", OrderProgress.Submitted, null));
            expected.Add(await SendAsync(mesh, canaries, "Refused", OrderProgress.Failed, "amazon-rejected", (_, order, c) =>
                mesh.SpApi!.Undeliverable.Refuse(c.Canary("Refused", "deliverypostalCode"))));
            expected.Add(await SendAsync(mesh, canaries, "Country", OrderProgress.Failed, "invalid-country", (_, order, c) =>
                Delivery(order)["country"] = c.Canary("Country", "deliverycountry")));
            expected.Add(await SendAsync(mesh, canaries, "NoPostal", OrderProgress.Failed, "no-postal-code", (_, order, _) =>
                Delivery(order)["postalCode"] = null));
            expected.Add(await SendAsync(mesh, canaries, "NoStreet", OrderProgress.Failed, "no-street", (_, order, _) =>
                Delivery(order)["street"] = null));
            expected.Add(await SendAsync(mesh, canaries, "NoAddress", OrderProgress.Failed, "no-shipping-address", (_, order, _) =>
                order["customer"]!["addresses"] = new JsonArray()));
            expected.Add(await SendAsync(mesh, canaries, "NoFba", OrderProgress.Skipped, "no-fba-items", (_, order, _) =>
            {
                foreach (var line in order["cart"]!.AsArray())
                {
                    line!["sku"] = "NOT-AT-AMAZON-1";
                }
            }));
            expected.Add(await SendAsync(mesh, canaries, "Units", OrderProgress.Failed, "too-many-units", (_, order, _) =>
                order["cart"]![0]!["quantity"] = 400));
            expected.Add(await SendAsync(mesh, canaries, "CrystallizeDown", OrderProgress.Submitted, null, (id, _, _) =>
                mesh.Crystallize!.Faults.Add(new CrystallizeFault(Status: 503, Count: 6, Rate: null, OrderId: id, Delay: TimeSpan.Zero, Seed: null))));
            await SettleAsync(mesh, expected);

            // Kinds that need Amazon or the submitter in trouble run one at a time.
            mesh.SpApi!.Faults.Add(new FaultRule { Operation = Operations.Create, Kind = FaultKind.QuotaStorm, Count = 3 });
            expected.Add(await SendAsync(mesh, canaries, "Throttled", OrderProgress.Submitted, null));
            await SettleAsync(mesh, expected);

            mesh.SpApi.Faults.Add(new FaultRule { Operation = Operations.Create, Kind = FaultKind.ServerError, StatusCode = 500, AfterCommit = true, Count = 1 });
            expected.Add(await SendAsync(mesh, canaries, "Unknown", OrderProgress.Submitted, null));
            await SettleAsync(mesh, expected);

            // Kinds that give up at the horizon: Amazon failing (parked once through Amazon's 503s before the
            // submitter goes), the submitter down, and an order Crystallize never serves.
            mesh.SpApi.Faults.Add(new FaultRule { Operation = "*", Kind = FaultKind.ServerError, StatusCode = 503 });
            var amazonDown = await SendAsync(mesh, canaries, "AmazonDown", OrderProgress.Failed, "gave-up-after-horizon");
            expected.Add(amazonDown);
            await ParkedAsync(mesh, amazonDown.Item1);
            await mesh.KillAsync("fba-submitter");
            mesh.SpApi.Faults.Clear();
            expected.Add(await SendAsync(mesh, canaries, "SubmitterDown", OrderProgress.Failed, "gave-up-after-horizon"));
            expected.Add(await SendAsync(mesh, canaries, "Unreadable", OrderProgress.Failed, "gave-up-after-horizon", readability: new Readability(int.MaxValue, TimeSpan.Zero)));
            await SettleAsync(mesh, expected);
            await mesh.RestartAsync("fba-submitter");

            // The canaries are live: Amazon, and only Amazon, was given them.
            var okId = expected[0].Id;
            Assert.Contains(canaries.Canary("Ok", "deliverystreet"), mesh.SpApi.FulfillmentOrders.Single(o => o.SellerFulfillmentOrderId == okId).RequestJson, StringComparison.Ordinal);

            await ScanOperatorAnswersAsync(mesh, expected, leaks);
            foreach (var (store, key, value) in mesh.Sidecars.StoredState())
            {
                leaks.Scan("state store", $"{store}/{key}", value);
            }

            foreach (var e in mesh.Sidecars.PublishedAnywhere())
            {
                leaks.Scan("published event", $"{e.PubSubName}/{e.Topic} {e.Id}", e.Json);
            }

            await WaitForMetricExportAsync(options.LogDirectory!);
        }

        foreach (var file in Directory.EnumerateFiles(options.LogDirectory!, "*.log"))
        {
            var lines = await File.ReadAllLinesAsync(file);
            for (var i = 0; i < lines.Length; i++)
            {
                leaks.Scan("service log or exported span/metric", $"{Path.GetFileName(file)}:{i + 1}", lines[i]);
            }
        }

        output.WriteLine($"{expected.Count} orders, marker {canaries.Marker}, logs in {options.LogDirectory!}");
        Assert.True(leaks.All.Count == 0, leaks.Report());
    }

    private static JsonObject Delivery(JsonObject order) =>
        order["customer"]!["addresses"]!.AsArray().Select(a => a!.AsObject()).Single(a => a["type"]!.GetValue<string>() == "delivery");

    private static async Task<(string, string, string, string?)> SendAsync(
        DevMesh.Mesh mesh, PersonalDataCanaries canaries, string tag, string status, string? reason,
        Action<string, JsonObject, PersonalDataCanaries>? shape = null, Readability? readability = null)
    {
        var (id, order) = canaries.Order(tag);
        shape?.Invoke(id, order, canaries);
        mesh.Crystallize!.PutOrder(id, order, readability);
        using var answer = await mesh.Crystallize.SendOrderCreatedWebhookAsync(id, mesh.Endpoints.GatewayWebhookUrl);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        return (id, tag, status, reason);
    }

    private static async Task SettleAsync(DevMesh.Mesh mesh, IEnumerable<(string Id, string Case, string Status, string? Reason)> orders)
    {
        foreach (var (id, name, status, reason) in orders)
        {
            var settled = await mesh.WaitForSettledAsync(id, Settle);
            Assert.True(settled.Status == status && (reason is null || settled.ReasonCode == reason), $"{name} ({id}): expected {status} {reason}, got {settled}");
        }
    }

    /// <summary>Until the enricher has parked the order Waiting at least once (its state says why).</summary>
    private static async Task ParkedAsync(DevMesh.Mesh mesh, string id)
    {
        using var http = new HttpClient();
        await Eventually.UntilAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(mesh.Endpoints.Services["order-enricher"].AppUrl, $"/api/orders/{id}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mesh.Endpoints.OperatorToken);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return state.RootElement.GetProperty("status").GetString();
            },
            status => status == "Waiting",
            $"order {id} parked Waiting",
            Settle);
    }

    private static async Task ScanOperatorAnswersAsync(DevMesh.Mesh mesh, IEnumerable<(string Id, string Case, string Status, string? Reason)> orders, CanaryLeaks leaks)
    {
        using var http = new HttpClient();
        var enricher = mesh.Endpoints.Services["order-enricher"].AppUrl;
        foreach (var (id, name, _, _) in orders)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(enricher, $"/api/orders/{id}"));
            if (mesh.Endpoints.OperatorToken is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"GET /api/orders/{id} answered {(int)response.StatusCode}");
            leaks.Scan("operator API", $"GET /api/orders/{id} ({name})", await response.Content.ReadAsStringAsync());
            await ScanConsolePageAsync(http, mesh, $"/console/orders/{id}", leaks);
        }

        await ScanConsolePageAsync(http, mesh, "/console", leaks);
        await ScanConsolePageAsync(http, mesh, "/console?status=Failed", leaks);
        await ScanConsolePageAsync(http, mesh, "/console/dead-letters", leaks);
    }

    /// <summary>A console page as automation sees it (bearer token): ids, statuses, reasons, never a name or an address.</summary>
    private static async Task ScanConsolePageAsync(HttpClient http, DevMesh.Mesh mesh, string path, CanaryLeaks leaks)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(mesh.Endpoints.Services["order-enricher"].AppUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mesh.Endpoints.OperatorToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        leaks.Scan("operator console", $"GET {path}", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Metric points are exported every second: wait until each service exported once more after the last order.</summary>
    private static async Task WaitForMetricExportAsync(string logDirectory)
    {
        var files = Directory.EnumerateFiles(logDirectory, "*.log").ToDictionary(f => f, f => new FileInfo(f).Length);
        foreach (var (file, length) in files)
        {
            await Eventually.UntilAsync(
                async () =>
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    stream.Seek(length, SeekOrigin.Begin);
                    using var reader = new StreamReader(stream);
                    return (await reader.ReadToEndAsync()).Contains("Metric Name", StringComparison.Ordinal);
                },
                $"a metric export in {Path.GetFileName(file)}");
        }
    }
}
