using System.Net.Http.Json;
using FbaMesh.DaprEmulator.Tests.Support;
using Grpc.Core;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>secretstores.local.file over TestResources/app/secrets.json, scoped by TestResources/app/config.yaml.</summary>
public sealed class SecretTests : IAsyncLifetime
{
    private DaprEmulatorHost host = null!;

    public async Task InitializeAsync() => host = await Sidecars.StartAsync(Sidecars.For("reader"), Sidecars.For("unscoped") with { ConfigFile = null });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Flat_store_names_nested_values_with_the_nested_separator()
    {
        using var dapr = host["reader"].Client();

        var secret = await dapr.GetSecretAsync("flat-secrets", "crystallize.nested.deep");

        Assert.Equal(new Dictionary<string, string> { ["crystallize.nested.deep"] = "fake-deep" }, secret);
    }

    [Fact]
    public async Task Multi_valued_store_answers_one_secret_per_top_level_key_with_flattened_children()
    {
        using var dapr = host["reader"].Client();

        var secret = await dapr.GetSecretAsync("multi-secrets", "crystallize");

        Assert.Equal(new Dictionary<string, string> { ["signatureSecret"] = "fake-signature", ["nested:deep"] = "fake-deep" }, secret);
    }

    [Fact]
    public async Task A_secret_outside_the_apps_scopes_is_permission_denied()
    {
        using var dapr = host["reader"].Client();

        var notAllowed = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.GetSecretAsync("multi-secrets", "sp-api")));
        var denied = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.GetSecretAsync("flat-secrets", "sp-api.refreshToken")));

        Assert.Equal(StatusCode.PermissionDenied, notAllowed.StatusCode);
        Assert.Equal("access denied by policy to get \"sp-api\" from \"multi-secrets\"", notAllowed.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.DoesNotContain("fake", notAllowed.Status.Detail + denied.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_read_leaves_out_what_the_scopes_deny()
    {
        using var scoped = host["reader"].Client();
        using var unscoped = host["unscoped"].Client();

        var allowed = await scoped.GetBulkSecretAsync("multi-secrets");
        var all = await unscoped.GetBulkSecretAsync("multi-secrets");

        Assert.Equal(["crystallize"], allowed.Keys);
        Assert.Equal(["crystallize", "plain", "sp-api"], all.Keys.Order());
        Assert.Equal("plain-value", all["plain"]["plain"]);
        Assert.Equal("fake-refresh", all["sp-api"]["refreshToken"]);
    }

    [Fact]
    public async Task Curl_users_read_secrets_over_http_with_the_same_scopes()
    {
        using var http = new HttpClient { BaseAddress = host["reader"].HttpEndpoint };

        var secret = await http.GetFromJsonAsync<Dictionary<string, string>>("/v1.0/secrets/multi-secrets/crystallize");
        var bulk = await http.GetFromJsonAsync<Dictionary<string, Dictionary<string, string>>>("/v1.0/secrets/multi-secrets/bulk");
        var denied = await http.GetAsync("/v1.0/secrets/multi-secrets/sp-api");

        Assert.Equal("fake-signature", secret!["signatureSecret"]);
        Assert.Equal(["crystallize"], bulk!.Keys);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("ERR_PERMISSION_DENIED", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_secret_and_unknown_store_answer_as_daprd_does()
    {
        using var dapr = host["unscoped"].Client();

        var missing = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.GetSecretAsync("flat-secrets", "nope")));
        var noStore = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => dapr.GetSecretAsync("vault", "x")));

        Assert.Equal(StatusCode.Internal, missing.StatusCode);
        Assert.Equal("failed getting secret with key nope from secret store flat-secrets: secret nope not found", missing.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, noStore.StatusCode);
        Assert.Equal("failed finding secret store with key vault", noStore.Status.Detail);
    }

    [Fact]
    public async Task An_overlay_secret_is_served_as_if_the_file_held_it_under_the_same_scopes_and_never_written()
    {
        var overlays = new SecretOverlay[]
        {
            new("multi-secrets", "operator", new Dictionary<string, string> { ["token"] = "overlay-token" }),
            new("flat-secrets", "operator", new Dictionary<string, string> { ["token"] = "overlay-token" }),
        };
        var file = Path.Combine(Sidecars.AppDirectory, "secrets.json");
        var before = await File.ReadAllTextAsync(file);
        await using var overlaid = await Sidecars.StartAsync(
            Sidecars.For("reader") with { SecretOverlays = overlays },
            Sidecars.For("unscoped") with { ConfigFile = null, SecretOverlays = overlays });
        using var reader = overlaid["reader"].Client();
        using var unscoped = overlaid["unscoped"].Client();

        var multi = await unscoped.GetSecretAsync("multi-secrets", "operator");
        var flat = await reader.GetSecretAsync("flat-secrets", "operator.token");
        var fromFile = await unscoped.GetSecretAsync("multi-secrets", "crystallize");
        var outOfScope = Errors.Rpc(await Assert.ThrowsAnyAsync<Exception>(() => reader.GetSecretAsync("multi-secrets", "operator")));

        Assert.Equal(new Dictionary<string, string> { ["token"] = "overlay-token" }, multi);
        Assert.Equal(new Dictionary<string, string> { ["operator.token"] = "overlay-token" }, flat);
        Assert.Equal("fake-signature", fromFile["signatureSecret"]);
        Assert.Equal(StatusCode.PermissionDenied, outOfScope.StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task An_overlay_for_a_store_the_app_does_not_load_is_refused()
    {
        var overlay = new SecretOverlay("vault", "operator", new Dictionary<string, string> { ["token"] = "overlay-token" });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Sidecars.StartAsync(Sidecars.For("reader") with { SecretOverlays = [overlay] }));

        Assert.Contains("'vault'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("overlay-token", error.Message, StringComparison.Ordinal);
    }
}
