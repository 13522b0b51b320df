using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Hosting;
using FbaMesh.Testing;
using Microsoft.Extensions.Configuration;

namespace FbaMesh.CrystallizeEmulator.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void The_defaults_are_the_dev_secrets_of_the_local_mesh()
    {
        var secrets = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("components", "secrets.dev.json")))!;
        var api = secrets["crystallize-api"]!;
        var webhook = secrets["crystallize-webhook"]!;
        var options = new CrystallizeEmulatorOptions();

        Assert.Equal(api["tenantIdentifier"]!.GetValue<string>(), options.TenantIdentifier);
        Assert.Equal(webhook["tenantIdentifier"]!.GetValue<string>(), options.TenantIdentifier);
        Assert.Equal(api["accessTokenId"]!.GetValue<string>(), options.AccessTokenId);
        Assert.Equal(api["accessTokenSecret"]!.GetValue<string>(), options.AccessTokenSecret);
        Assert.Equal(webhook["signatureSecret"]!.GetValue<string>(), options.SignatureSecret);
    }

    [Fact]
    public void The_command_line_sets_fixtures_readability_and_the_secrets_file()
    {
        var secrets = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secrets, """{"crystallize-api":{"tenantIdentifier":"shop","accessTokenId":"id-1","accessTokenSecret":"s-1"},"crystallize-webhook":{"signatureSecret":"sig-secret-0123456789"}}""");
            var configuration = new ConfigurationBuilder()
                .AddCommandLine(["--secrets-file", secrets, "--fixtures", "none", "--readable-after-reads", "2", "--readable-after", "00:00:03"], EmulatorConfiguration.SwitchMappings)
                .Build();

            var options = EmulatorConfiguration.Read(configuration);

            Assert.Equal(("shop", "id-1", "s-1", "sig-secret-0123456789"), (options.TenantIdentifier, options.AccessTokenId, options.AccessTokenSecret, options.SignatureSecret));
            Assert.Null(options.FixturesPath);
            Assert.Equal(2, options.ReadableAfterReads);
            Assert.Equal(TimeSpan.FromSeconds(3), options.ReadableAfter);
        }
        finally
        {
            File.Delete(secrets);
        }
    }

    [Fact]
    public void A_flattened_secrets_file_works_and_absent_keys_keep_their_defaults()
    {
        var secrets = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secrets, """{"crystallize-api:accessTokenId":"flat-id","sp-api:refreshToken":"x"}""");
            var options = new CrystallizeEmulatorOptions();

            EmulatorConfiguration.ApplySecretsFile(options, secrets);

            Assert.Equal("flat-id", options.AccessTokenId);
            Assert.Equal("dev-only-fake-access-token-secret", options.AccessTokenSecret);
        }
        finally
        {
            File.Delete(secrets);
        }
    }

    [Fact]
    public void Without_a_fixtures_option_the_process_serves_the_sample_orders()
    {
        var options = EmulatorConfiguration.Read(new ConfigurationBuilder().Build());

        Assert.Equal(CrystallizeEmulatorOptions.SampleFixturesPath, options.FixturesPath);
    }
}
