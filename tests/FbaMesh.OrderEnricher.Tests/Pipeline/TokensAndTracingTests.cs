using System.Net;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Pipeline;

/// <summary>With Dapr's API tokens on both directions, and with a trace started by the publisher.</summary>
public sealed class TokensAndTracingTests(TokensAndTracingTests.WithTokens fixture) : IClassFixture<TokensAndTracingTests.WithTokens>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task The_whole_path_works_with_dapr_and_app_api_tokens()
    {
        var id = mesh.CopyOfFixture(Norway);

        await mesh.PublishOrderReceivedAsync(id);

        Assert.Equal(OrderStatus.Submitted, (await mesh.FinalStateAsync(id)).Status);
        Assert.Equal(1, mesh.Submitter.Count(id));
    }

    [Theory]
    [InlineData("/events/orders-received")]
    [InlineData("/dapr/subscribe")]
    public async Task Dapr_facing_routes_refuse_callers_without_the_app_token(string path)
    {
        using var request = new HttpRequestMessage(path.StartsWith("/events", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path)
        {
            Content = path.StartsWith("/events", StringComparison.Ordinal) ? new StringContent($"{{\"orderId\":\"{OrderIds.New()}\"}}") : null,
        };

        using var response = await mesh.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_delivery_s_trace_continues_in_the_call_to_the_submitter()
    {
        var id = mesh.CopyOfFixture(Norway);

        await mesh.PublishOrderReceivedAsync(id);
        await mesh.FinalStateAsync(id);

        await mesh.AnswersAsync(id, 1);
        var traceId = Assert.Single(mesh.Deliveries.TraceParentsFor(id)).Split('-')[1];
        Assert.Equal(32, traceId.Length);
        Assert.Contains(mesh.Submitter.TraceParents, t => t?.Split('-')[1] == traceId);
    }

    public sealed class WithTokens : MeshFixture
    {
        protected override bool ApiTokens => true;
    }
}
