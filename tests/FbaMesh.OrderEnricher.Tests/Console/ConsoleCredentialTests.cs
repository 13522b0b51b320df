using System.Net;
using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Console;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;

namespace FbaMesh.OrderEnricher.Tests.Console;

/// <summary>
/// Deny by default for the console: every console endpoint the enricher maps (read from its
/// EndpointDataSource), except the login form and its two static files, refuses callers without the operator
/// credential in every spelling of its path; a refused retry changes nothing; a browser is sent to the login.
/// </summary>
public sealed class ConsoleCredentialTests(ConsoleCredentialTests.WithTokens fixture) : IClassFixture<ConsoleCredentialTests.WithTokens>
{
    private const string AppToken = "test-app-api-token";
    private static readonly string[] Open = ["GET /console/login", "POST /console/login", "GET /console/assets/console.css", "GET /console/assets/console.js"];
    private readonly EnricherMesh mesh = fixture.Mesh;

    public static TheoryData<string> Credentials() => ["none", "wrong bearer", "app token as bearer", "app token header", "forged cookie", "expired cookie", "cookie of another token"];

    [Fact]
    public void Only_the_login_form_and_its_static_files_are_open()
    {
        var console = EndpointInventory.Of(mesh.Services).Where(e => e.Route.StartsWith("/console", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.Equal(Open.Order(), console.Where(e => Open.Contains(e.Key)).Select(e => e.Key).Order());
        Assert.True(console.Count > Open.Length + 4, string.Join(", ", console.Select(e => e.Key)));
        Assert.All(console, e => Assert.True(e.AllowsWithoutAppToken, $"{e.Key} is a console route, which operators reach without the app token"));
    }

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Every_console_route_refuses_a_caller_without_the_operator_credential_in_every_spelling(string credential)
    {
        var id = mesh.CopyOfFixture("6724c1a95e1d4b0012a3f101");
        var guarded = EndpointInventory.Of(mesh.Services)
            .Where(e => e.Route.StartsWith("/console", StringComparison.OrdinalIgnoreCase) && !Open.Contains(e.Key)).ToList();
        var misses = new List<string>();
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        foreach (var endpoint in guarded)
        {
            foreach (var variant in PathVariants.Of(endpoint.PathWith(new Dictionary<string, string> { ["id"] = id })))
            {
                using var request = AppTokenRefusal.Http(mesh.Http.BaseAddress!, endpoint.Method, variant, null,
                    endpoint.Method == "POST" ? new FormUrlEncodedContent([]) : null);
                Present(request, credential);
                using var response = await bare.SendAsync(request);
                // A spelling no route matches is 404 for a caller holding the app token: refused all the same.
                var notFound = credential == "app token header" && response.StatusCode == HttpStatusCode.NotFound
                    && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (!notFound && await AppTokenRefusal.MissAsync(response, grpc: false) is { } miss)
                {
                    misses.Add($"{endpoint.Method} {variant} with {credential}: {miss}");
                }
            }
        }

        Assert.Empty(misses);
        Assert.Null(await mesh.StateAsync(id));
        Assert.Equal(0, mesh.PublishedFor(FbaMesh.Contracts.PubSub.OrdersReceived, id));
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_login_form()
    {
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(mesh.Http.BaseAddress!, "/console?status=Failed"));
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/login?returnUrl=%2Fconsole%3Fstatus%3DFailed", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_operator_bearer_token_opens_the_console()
    {
        using var response = await mesh.Http.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Orders</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void Present(HttpRequestMessage request, string credential)
    {
        var now = DateTimeOffset.UtcNow;
        switch (credential)
        {
            case "wrong bearer":
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer not-the-operator-token");
                break;
            case "app token as bearer":
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + AppToken);
                break;
            case "app token header":
                request.Headers.TryAddWithoutValidation(AppTokenRefusal.HeaderName, AppToken);
                break;
            case "forged cookie":
                request.Headers.TryAddWithoutValidation("Cookie", $"{ConsoleSession.CookieName}={now.AddHours(1).ToUnixTimeSeconds()}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
                break;
            case "expired cookie":
                request.Headers.TryAddWithoutValidation("Cookie", $"{ConsoleSession.CookieName}={ConsoleSession.Issue(new OperatorCredential(EnricherMesh.OperatorToken), now.AddSeconds(-1))}");
                break;
            case "cookie of another token":
                request.Headers.TryAddWithoutValidation("Cookie", $"{ConsoleSession.CookieName}={ConsoleSession.Issue(new OperatorCredential("another-token"), now.AddHours(1))}");
                break;
        }
    }

    public sealed class WithTokens : MeshFixture
    {
        protected override bool ApiTokens => true;
    }
}
