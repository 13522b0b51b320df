using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FbaMesh.Contracts;
using FbaMesh.Contracts.Events.V1;
using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Console;
using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Tests.Commands;
using FbaMesh.OrderEnricher.Tests.Mesh;
using FbaMesh.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.OrderEnricher.Tests.Console;

/// <summary>
/// Cancel at Amazon and release a Hold from the console, over sockets through the emulated sidecar: the
/// shop's own commands run (once, however often posted), their steps reach the order's timeline, a session
/// needs the anti-forgery token, automation gets JSON or problem+json. Amazon's command calls are recorded fakes.
/// </summary>
public sealed partial class ConsoleCommandTests(CommandsMeshFixture fixture) : IClassFixture<CommandsMeshFixture>
{
    private const string Norway = "6724c1a95e1d4b0012a3f101";
    private readonly EnricherMesh mesh = fixture.Mesh;

    [Fact]
    public async Task A_cancel_posted_twice_cancels_at_Amazon_once_tells_the_shop_once_and_shows_in_the_timeline()
    {
        var id = await SubmittedOrderAsync();
        Assert.Contains($"href=\"/console/orders/{id}/cancel\"", await mesh.Http.GetStringAsync($"/console/orders/{id}"), StringComparison.Ordinal);

        using var first = await mesh.Http.PostAsync($"/console/orders/{id}/cancel", new FormUrlEncodedContent([]));
        using var second = await mesh.Http.PostAsync($"/console/orders/{id}/cancel", new FormUrlEncodedContent([]));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal("Cancelled", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(1, fixture.Amazon.Count("cancel", id));
        Assert.Equal(["cancelled"], fixture.Shop.For(id));
        var state = (await mesh.StateAsync(id))!;
        Assert.Equal(("cancelled", CommandEntry.ByOperator), (state.Commands.CancelOutcome, Assert.Single(state.Commands.History, h => h.Command == "cancel").AskedBy));
        var page = await mesh.Http.GetStringAsync($"/console/orders/{id}");
        Assert.Contains("data-kind=\"cancel\"", page, StringComparison.Ordinal);
        Assert.Contains("Cancelled at Amazon. Asked by an operator.", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/console/orders/{id}/cancel\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_Amazon_calls_too_late_is_a_problem_for_automation_and_the_shop_is_told_too_late()
    {
        var id = await SubmittedOrderAsync();
        fixture.Amazon.CancelAnswers[id] = () => new CancelAnswer.TooLate("Processing");

        using var response = await mesh.Http.PostAsync($"/console/orders/{id}/cancel", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Processing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([("too-late", (string?)"Processing")], fixture.Shop.Reports.Where(r => r.OrderId == id).Select(r => (r.Outcome, r.AmazonStatus)));
        Assert.Equal(OrderStatus.Submitted, (await mesh.StateAsync(id))!.Status);
    }

    [Fact]
    public async Task A_release_of_a_Hold_order_posted_twice_releases_once_and_shows_in_the_timeline()
    {
        var id = await SubmittedOrderAsync(hold: true);
        Assert.Contains($"href=\"/console/orders/{id}/release\"", await mesh.Http.GetStringAsync($"/console/orders/{id}"), StringComparison.Ordinal);

        using var first = await mesh.Http.PostAsync($"/console/orders/{id}/release", new FormUrlEncodedContent([]));
        using var second = await mesh.Http.PostAsync($"/console/orders/{id}/release", new FormUrlEncodedContent([]));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, fixture.Amazon.Count("release", id));
        var state = (await mesh.StateAsync(id))!;
        Assert.NotNull(state.Commands.ReleasedAt);
        var released = Assert.Single(state.Commands.History, h => h.Command == "release");
        Assert.Equal(("released", CommandEntry.ByOperator), (released.Outcome, released.AskedBy));
        var page = await mesh.Http.GetStringAsync($"/console/orders/{id}");
        Assert.Contains("data-kind=\"release\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/console/orders/{id}/release\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_release_of_an_order_created_with_Ship_is_refused_without_asking_Amazon()
    {
        var id = await SubmittedOrderAsync();
        Assert.DoesNotContain($"/console/orders/{id}/release", await mesh.Http.GetStringAsync($"/console/orders/{id}"), StringComparison.Ordinal);

        using var response = await mesh.Http.PostAsync($"/console/orders/{id}/release", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not Hold", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, fixture.Amazon.Count("release", id));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("release")]
    public async Task A_session_post_without_the_anti_forgery_token_is_refused_and_asks_nothing_of_Amazon(string action)
    {
        var id = await SubmittedOrderAsync(hold: true);
        using var bare = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(mesh.Http.BaseAddress!, $"/console/orders/{id}/{action}")) { Content = new FormUrlEncodedContent([]) };
        request.Headers.TryAddWithoutValidation("Cookie", SessionCookie());

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, fixture.Amazon.Count(action, id));
        var state = (await mesh.StateAsync(id))!;
        Assert.DoesNotContain(state.Commands.History, h => h.Command == action);
    }

    [Fact]
    public async Task A_person_confirms_a_release_with_the_form_and_its_anti_forgery_token()
    {
        var id = await SubmittedOrderAsync(hold: true);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = mesh.Http.BaseAddress };
        using var ask = new HttpRequestMessage(HttpMethod.Get, $"/console/orders/{id}/release");
        ask.Headers.TryAddWithoutValidation("Cookie", SessionCookie());
        using var confirmation = await browser.SendAsync(ask);
        var form = await confirmation.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("Yes, release the order", form, StringComparison.Ordinal);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var antiforgeryCookie = confirmation.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fbamesh-console-antiforgery=", StringComparison.Ordinal)).Split(';')[0];

        using var post = new HttpRequestMessage(HttpMethod.Post, $"/console/orders/{id}/release") { Content = new FormUrlEncodedContent([new("__antiforgery", WebUtility.HtmlDecode(token))]) };
        post.Headers.TryAddWithoutValidation("Cookie", $"{SessionCookie()}; {antiforgeryCookie}");
        using var response = await browser.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Amazon ships it", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, fixture.Amazon.Count("release", id));
    }

    [Fact]
    public async Task A_retry_of_an_order_Amazon_cannot_fulfil_is_refused_because_a_resubmit_would_only_end_Submitted()
    {
        var id = await SubmittedOrderAsync();
        var at = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var unfulfillable = new FulfillmentUnfulfillable { Progress = new FulfillmentProgress { OrderId = id, SellerFulfillmentOrderId = id, AmazonStatus = "Unfulfillable", StatusUpdatedAt = at, ObservedAt = at } };
        await mesh.Dapr.PublishByteEventAsync("fbamesh-pubsub", PubSub.FulfillmentUnfulfillable, System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(unfulfillable)), "application/json");
        await Eventually.UntilAsync(() => mesh.StateAsync(id), s => s is { Status: OrderStatus.Failed }, "the order to be recorded unfulfillable");

        using var console = await mesh.Http.PostAsync($"/console/orders/{id}/retry", new FormUrlEncodedContent([]));
        using var api = await mesh.Http.PostAsync($"/api/orders/{id}/retry", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (console.StatusCode, api.StatusCode));
        Assert.Equal("application/problem+json", console.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ALREADY_EXISTS", await console.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var state = (await mesh.StateAsync(id))!;
        Assert.Equal((OrderStatus.Failed, 0), (state.Status, state.OperatorRetries));
        Assert.Equal(1, mesh.Submitter.Count(id));
    }

    private static string SessionCookie() =>
        $"{ConsoleSession.CookieName}={ConsoleSession.Issue(new OperatorCredential(EnricherMesh.OperatorToken), DateTimeOffset.UtcNow.AddHours(1))}";

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private async Task<string> SubmittedOrderAsync(bool hold = false)
    {
        var id = mesh.CopyOfFixture(Norway);
        if (hold)
        {
            var order = mesh.Crystallize.Orders.Peek(id)!;
            order["meta"] = new JsonArray(new JsonObject { ["key"] = "fba-hold", ["value"] = "true" });
            mesh.Crystallize.PutOrder(id, order);
        }

        await mesh.PublishOrderReceivedAsync(id);
        Assert.Equal(OrderStatus.Submitted, (await mesh.FinalStateAsync(id)).Status);
        await mesh.AnswersAsync(id, 1);
        return id;
    }
}
