using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Tests.Support;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;
using Google.Protobuf;

namespace FbaMesh.FbaSubmitter.Tests.Boundaries;

/// <summary>
/// Deny by default, proven on every endpoint the submitter maps (read from its EndpointDataSource): only
/// the probes and gRPC health answer without the submitter's app API token; every FulfillmentOrders call
/// without it (no token, a guess, another app's token, any spelling of the path) is UNAUTHENTICATED and
/// nothing is sent to Amazon.
/// </summary>
public sealed class AppTokenBoundaryTests
{
    private const string AppToken = "fba-submitter-app-token-for-tests";
    private const string EnrichersToken = "order-enricher-app-token-for-tests";
    private const string Service = "/fbamesh.fulfillment.v1.FulfillmentOrders/";

    // The health service's own answer to a method it lacks (UNIMPLEMENTED) comes with it; it reveals nothing.
    private static readonly string[] AllowList =
    [
        "* /healthz", "* /readyz",
        "POST /grpc.health.v1.Health/Check", "POST /grpc.health.v1.Health/Watch",
        "* /grpc.health.v1.Health/{unimplementedMethod:grpcunimplemented}",
    ];

    [Fact]
    public async Task Only_probes_and_grpc_health_are_open_and_every_other_endpoint_is_UNAUTHENTICATED_in_every_spelling()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await StartAsync(amazon);
        using var http = new HttpClient();
        var endpoints = EndpointInventory.Of(submitter.Services);

        Assert.Equal(AllowList.Order(), endpoints.Where(e => e.AllowsWithoutAppToken).Select(e => e.Key).Order());
        var guarded = endpoints.Where(e => !e.AllowsWithoutAppToken).ToList();
        foreach (var rpc in FulfillmentOrders.Descriptor.Methods.Select(m => m.Name))
        {
            Assert.Contains(guarded, e => e.Key == "POST " + Service + rpc);
        }
        var misses = new List<string>();
        foreach (var endpoint in guarded)
        {
            var path = endpoint.PathWith();
            foreach (var variant in PathVariants.Of(path))
            {
                foreach (var (name, token) in AppTokenRefusal.Credentials(EnrichersToken))
                {
                    using var request = AppTokenRefusal.Grpc(submitter.Address, variant, token, MessageFor(path));
                    using var response = await http.SendAsync(request);
                    if (await AppTokenRefusal.MissAsync(response, grpc: true) is { } miss)
                    {
                        misses.Add($"{endpoint.Method} {variant} with {name}: {miss}");
                    }
                }
            }
        }

        Assert.Empty(misses);
        Assert.Equal(0, amazon.SpApiRequests());
        Assert.Empty(amazon.FulfillmentOrders);
    }

    [Fact]
    public async Task GetFulfillmentOrder_over_h2c_on_the_upper_case_path_without_a_token_is_UNAUTHENTICATED()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await StartAsync(amazon);
        using var http = new HttpClient();
        var message = new GetFulfillmentOrderRequest { SellerFulfillmentOrderId = "known-order-1" }.ToByteArray();

        using var response = await http.SendAsync(
            AppTokenRefusal.Grpc(submitter.Address, "/FBAMESH.fulfillment.v1.FulfillmentOrders/GetFulfillmentOrder", null, message));

        Assert.Null(await AppTokenRefusal.MissAsync(response, grpc: true));
        Assert.Equal(0, amazon.SpApiRequests());
    }

    [Fact]
    public async Task The_same_call_with_the_submitters_own_token_reaches_Amazon()
    {
        await using var amazon = await AmazonEmulator.StartAsync();
        await using var submitter = await StartAsync(amazon);
        using var http = new HttpClient();
        var message = new GetFulfillmentOrderRequest { SellerFulfillmentOrderId = "known-order-1" }.ToByteArray();

        using var response = await http.SendAsync(
            AppTokenRefusal.Grpc(submitter.Address, "/FBAMESH.fulfillment.v1.FulfillmentOrders/GetFulfillmentOrder", AppToken, message));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("5", AppTokenRefusal.GrpcStatus(response)); // NOT_FOUND, from Amazon
        Assert.Equal(1, amazon.SpApiRequests());
    }

    private static Task<SubmitterHost> StartAsync(SpApiEmulatorApp amazon) =>
        SubmitterHost.StartAsync(AmazonEmulator.SettingsFor(amazon, ("APP_API_TOKEN", AppToken)));

    // A well-formed request for each operation, so a call that got past the guard would reach Amazon.
    private static byte[] MessageFor(string path)
    {
        var order = Orders.Valid();
        return path[(path.LastIndexOf('/') + 1)..] switch
        {
            "SubmitFulfillmentOrder" => order.ToByteArray(),
            "GetFulfillmentOrder" => new GetFulfillmentOrderRequest { SellerFulfillmentOrderId = order.SellerFulfillmentOrderId }.ToByteArray(),
            "CancelFulfillmentOrder" => new CancelFulfillmentOrderRequest { SellerFulfillmentOrderId = order.SellerFulfillmentOrderId }.ToByteArray(),
            "UpdateFulfillmentOrder" => new UpdateFulfillmentOrderRequest { SellerFulfillmentOrderId = order.SellerFulfillmentOrderId, FulfillmentAction = FulfillmentAction.Ship }.ToByteArray(),
            "ListFulfillmentOrderChanges" => new ListFulfillmentOrderChangesRequest { QueryStartTime = order.DisplayableOrderDate }.ToByteArray(),
            "GetPackageTracking" => new GetPackageTrackingRequest { PackageNumber = 212000001 }.ToByteArray(),
            "GetFulfillmentPreview" => new GetFulfillmentPreviewRequest { Order = order }.ToByteArray(),
            _ => [],
        };
    }
}
