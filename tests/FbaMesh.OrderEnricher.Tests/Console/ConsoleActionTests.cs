using System.Net;
using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Console;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Mesh;
using Grpc.Core;

namespace FbaMesh.OrderEnricher.Tests.Console;

/// <summary>A retry from the console: refused without the anti-forgery token when the caller is a session, done through the operator API's rules otherwise.</summary>
public sealed class ConsoleActionTests(MeshFixture fixture) : IClassFixture<MeshFixture>
{
    private const string Us = "6724c1b05e1d4b0012a3f102";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task A_session_post_without_the_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var id = await FailedOrderAsync();
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(mesh.Http.BaseAddress!, $"/console/orders/{id}/retry"))
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.TryAddWithoutValidation("Cookie", $"{ConsoleSession.CookieName}={ConsoleSession.Issue(new OperatorCredential(EnricherMesh.OperatorToken), DateTimeOffset.UtcNow.AddHours(1))}");

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var state = await mesh.StateAsync(id);
        Assert.Equal(OrderStatus.Failed, state!.Status);
        Assert.Equal(0, state.OperatorRetries);
    }

    [Fact]
    public async Task Automation_with_the_bearer_token_retries_a_failed_order_and_the_timeline_records_it()
    {
        var id = await FailedOrderAsync(failFirstOnly: true);
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(mesh.Http.BaseAddress!, $"/console/orders/{id}/retry")) { Content = new FormUrlEncodedContent([]) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + EnricherMesh.OperatorToken);

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/console/orders/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(OrderStatus.Submitted, (await mesh.FinalStateAsync(id)).Status);
        var page = await Testing.Eventually.UntilAsync(() => mesh.Http.GetStringAsync($"/console/orders/{id}"), html => html.Contains("data-kind=\"submitted\"", StringComparison.Ordinal), "the submitted step");
        Assert.Contains("data-kind=\"retried\"", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("data-kind=\"failed\"", StringComparison.Ordinal) < page.IndexOf("data-kind=\"retried\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_the_rules_refuse_is_shown_with_the_reason()
    {
        var id = mesh.CopyOfFixture(Us);
        await mesh.PublishOrderReceivedAsync(id);
        await mesh.FinalStateAsync(id);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/console/orders/{id}/retry") { Content = new FormUrlEncodedContent([]) };

        using var response = await mesh.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("only Failed (or stuck Received) orders can be retried", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> FailedOrderAsync(bool failFirstOnly = false)
    {
        var id = mesh.CopyOfFixture(Us);
        mesh.Submitter.Scripts[id] = (request, call) => !failFirstOnly || call == 1
            ? FakeSubmitter.Fail(StatusCode.InvalidArgument, "unknown SKU")
            : FakeSubmitter.DefaultAnswer(request, 1);
        await mesh.PublishOrderReceivedAsync(id);
        Assert.Equal(OrderStatus.Failed, (await mesh.FinalStateAsync(id)).Status);
        await mesh.AnswersAsync(id, 1);
        return id;
    }
}
