using System.Net;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class AccessTokenTests
{
    private const string Query = "query Q($id: ID!) { order { get(id: $id) { id } } }";

    [Fact]
    public async Task Without_the_access_token_headers_the_API_answers_401_and_reveals_nothing()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (status, body) = await emulator.QueryAsync(Query, new { id = Orders.Id }, authenticated: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(body["data"]);
        Assert.DoesNotContain(Emulator.TokenSecret, body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Emulator.TokenId, "wrong-secret")]
    [InlineData("wrong-id", Emulator.TokenSecret)]
    [InlineData(Emulator.TokenId, null)]
    [InlineData(null, Emulator.TokenSecret)]
    public async Task A_wrong_or_partial_token_answers_401(string? id, string? secret)
    {
        await using var emulator = await Emulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.App.OrderApiUrl)
        {
            Content = new StringContent("""{"query":"{ order { get(id: \"1\") { id } } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (id is not null)
        {
            request.Headers.Add("X-Crystallize-Access-Token-Id", id);
        }

        if (secret is not null)
        {
            request.Headers.Add("X-Crystallize-Access-Token-Secret", secret);
        }

        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_configured_token_is_accepted_on_both_paths()
    {
        await using var emulator = await Emulator.StartAsync();
        emulator.Put(Orders.Id, Orders.Sample);

        var (tenantPath, _) = await emulator.QueryAsync(Query, new { id = Orders.Id });
        var (graphqlPath, _) = await emulator.QueryAsync(Query, new { id = Orders.Id }, path: new Uri(emulator.App.BaseAddress, "graphql").ToString());
        var (unauthenticatedGraphql, _) = await emulator.QueryAsync(Query, new { id = Orders.Id }, authenticated: false, path: new Uri(emulator.App.BaseAddress, "graphql").ToString());

        Assert.Equal(HttpStatusCode.OK, tenantPath);
        Assert.Equal(HttpStatusCode.OK, graphqlPath);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticatedGraphql);
    }
}
