using System.Net;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Boundaries;

/// <summary>
/// The operator routes skip the app token because they have their own credential (the operator token from
/// the secret operator, as "Authorization: Bearer …"): no credential, a guess, or the sidecar's app token
/// is refused, and a retry refused changes nothing.
/// </summary>
public sealed class OperatorCredentialTests(OperatorCredentialTests.WithOperatorToken fixture) : IClassFixture<OperatorCredentialTests.WithOperatorToken>
{
    private const string OperatorToken = EnricherMesh.OperatorToken;
    private const string AppToken = "test-app-api-token";
    private readonly EnricherMesh mesh = fixture.Mesh;

    public static TheoryData<string, string, string?, string?> Attempts()
    {
        var data = new TheoryData<string, string, string?, string?>();
        foreach (var (method, suffix) in new[] { ("GET", ""), ("POST", "/retry") })
        {
            foreach (var path in new[] { "/api/orders/{0}" + suffix, "/API/Orders/{0}" + suffix.ToUpperInvariant() })
            {
                data.Add(method, path, null, null);
                data.Add(method, path, "Bearer not-the-operator-token", null);
                data.Add(method, path, "Bearer " + AppToken, null);
                data.Add(method, path, null, AppToken);
                data.Add(method, path, OperatorToken, null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task An_operator_route_without_the_operator_bearer_token_is_401_and_changes_nothing(string method, string path, string? authorization, string? appToken)
    {
        var id = OrderIds.New();
        using var request = AppTokenRefusal.Http(this.mesh.Http.BaseAddress!, method, string.Format(null, path, id), appToken);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        // A client of its own: the mesh's client carries the operator token on every request.
        using var bare = new HttpClient();
        using var response = await bare.SendAsync(request);

        Assert.Null(await AppTokenRefusal.MissAsync(response, grpc: false));
        Assert.Equal(HttpStatusCode.NotFound, await WithOperatorTokenAsync(id));
        Assert.Equal(0, this.mesh.PublishedFor(FbaMesh.Contracts.PubSub.OrdersReceived, id));
    }

    [Fact]
    public async Task The_operator_bearer_token_gets_through()
    {
        Assert.Equal(HttpStatusCode.NotFound, await WithOperatorTokenAsync(OrderIds.New()));
    }

    private async Task<HttpStatusCode> WithOperatorTokenAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{id}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + OperatorToken);
        using var response = await this.mesh.Http.SendAsync(request);
        return response.StatusCode;
    }

    public sealed class WithOperatorToken : MeshFixture
    {
        protected override bool ApiTokens => true;
    }
}
