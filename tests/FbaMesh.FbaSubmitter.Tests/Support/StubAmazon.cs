namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>Stub LWA answers.</summary>
public static class StubAmazon
{
    public static StubHttp Lwa(int expiresIn = 3600) => new((_, n) => Task.FromResult(Token(n, expiresIn)));

    /// <summary>LWA's answer to the n-th exchange: access token "Atza|token-n".</summary>
    public static HttpResponseMessage Token(int n, int expiresIn = 3600) =>
        StubHttp.Json(200, $$"""{"access_token":"Atza|token-{{n}}","token_type":"bearer","expires_in":{{expiresIn}}}""");

    public static StubHttp LwaRefusing(string error, int status = 400) => new((_, _) =>
        Task.FromResult(StubHttp.Json(status, $$"""{"error_description":"refused","error":"{{error}}"}""")));

    public static bool IsCreate(this SeenRequest r) => r.Method == HttpMethod.Post && r.Uri.AbsolutePath.EndsWith("/fulfillmentOrders", StringComparison.Ordinal);

    public static bool IsGet(this SeenRequest r) => r.Method == HttpMethod.Get;
}
