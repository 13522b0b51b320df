using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

public class SpApiOptionsTests
{
    [Theory]
    [InlineData(nameof(SpApiRegion.NA), true, "https://sandbox.sellingpartnerapi-na.amazon.com/")]
    [InlineData(nameof(SpApiRegion.EU), true, "https://sandbox.sellingpartnerapi-eu.amazon.com/")]
    [InlineData(nameof(SpApiRegion.FE), true, "https://sandbox.sellingpartnerapi-fe.amazon.com/")]
    [InlineData(nameof(SpApiRegion.NA), false, "https://sellingpartnerapi-na.amazon.com/")]
    [InlineData(nameof(SpApiRegion.EU), false, "https://sellingpartnerapi-eu.amazon.com/")]
    [InlineData(nameof(SpApiRegion.FE), false, "https://sellingpartnerapi-fe.amazon.com/")]
    public void Region_and_sandbox_choose_Amazons_host(string region, bool sandbox, string expected)
    {
        Assert.Equal(expected, new SpApiOptions { Region = Enum.Parse<SpApiRegion>(region), Sandbox = sandbox }.BaseAddress.ToString());
    }

    [Fact]
    public void Defaults_are_the_sandbox_in_North_America_with_Login_with_Amazon_and_the_fbamesh_secret()
    {
        var o = new SpApiOptions();

        Assert.Equal("https://sandbox.sellingpartnerapi-na.amazon.com/", o.BaseAddress.ToString());
        Assert.Equal("https://api.amazon.com/auth/o2/token", o.TokenEndpoint.ToString());
        Assert.Equal(("fbamesh-secrets", "sp-api"), (o.SecretStore, o.SecretName));
        Assert.Equal((2d, 30), (o.CreateRate, o.CreateBurst));
    }

    [Fact]
    public void An_override_wins_over_the_region()
    {
        var o = new SpApiOptions { Region = SpApiRegion.EU, EndpointOverride = new Uri("http://localhost:5500/") };

        Assert.Equal("http://localhost:5500/", o.BaseAddress.ToString());
    }

    [Fact]
    public async Task Bad_settings_stop_the_app_at_start_naming_each_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SubmitterHost.StartAsync(new Dictionary<string, string>
        {
            ["SpApi:CreateRate"] = "0",
            ["SpApi:GetBurst"] = "0",
            ["SpApi:CallDeadline"] = "-00:00:01",
            ["SpApi:EndpointOverride"] = "ftp://example.com/",
        }));

        Assert.Contains("SpApi:CreateRate", error.Message, StringComparison.Ordinal);
        Assert.Contains("SpApi:GetBurst", error.Message, StringComparison.Ordinal);
        Assert.Contains("SpApi:CallDeadline", error.Message, StringComparison.Ordinal);
        Assert.Contains("SpApi:EndpointOverride", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_region_is_refused_by_binding()
    {
        Assert.ThrowsAny<InvalidOperationException>(() => SubmitterApp.Build(["--SpApi:Region=SA"]).Services.GetRequiredService<IOptions<SpApiOptions>>().Value);
    }
}
