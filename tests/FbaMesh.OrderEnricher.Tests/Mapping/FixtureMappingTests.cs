using System.Text.Json;
using System.Text.Json.Nodes;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.Testing;
using Microsoft.Extensions.Configuration;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

/// <summary>
/// Every sample order of the Crystallize emulator through the mapping, compared with the oracle the
/// emulator's author wrote from DESIGN §6.1 (tools/crystallize-emulator/fixtures/expected.json).
/// </summary>
public sealed class FixtureMappingTests
{
    private static readonly string Folder = RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (file is not ("expected.json" or "mapping-options.json"))
            {
                data.Add(file!);
            }
        }

        return data;
    }

    [Fact]
    public void Every_fixture_has_an_expectation()
    {
        var expected = Expected();

        Assert.Equal(FixtureFiles().Count, expected.Count);
        Assert.True(expected.Count >= 14);
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Fixture_maps_as_expected(string file)
    {
        var order = JsonSerializer.Deserialize<CrystallizeOrder>(File.ReadAllText(Path.Combine(Folder, file)), Web)!;
        var expected = Expected()[order.Id]!.AsObject();

        var options = Options();
        var outcome = FulfillmentOrderMapper.Map(order, options.SellerFulfillmentOrderIdFor(order.Id ?? ""), options);

        switch ((string?)expected["outcome"])
        {
            case "submit":
                var actual = AmazonJson.From(Assert.IsType<MappingOutcome.Mapped>(outcome).Request);
                AssertContains(expected["request"]!.AsObject(), actual, "request");
                Assert.Equal(expected["request"]!["destinationAddress"]!.ToJsonString(), actual["destinationAddress"]!.ToJsonString());
                Assert.Equal(expected["request"]!["notificationEmails"]?.ToJsonString(), actual["notificationEmails"]?.ToJsonString());
                break;
            case "skip":
                Assert.Equal((string?)expected["reasonCode"], Assert.IsType<MappingOutcome.Skipped>(outcome).ReasonCode);
                break;
            default:
                Assert.Equal((string?)expected["reasonCode"], Assert.IsType<MappingOutcome.Rejected>(outcome).ReasonCode);
                break;
        }
    }

    /// <summary>Every field the oracle names has the same value; fields it leaves out are not checked.</summary>
    private static void AssertContains(JsonObject expected, JsonObject actual, string path)
    {
        foreach (var (name, value) in expected)
        {
            Assert.True(actual.ContainsKey(name), $"{path}.{name} is missing");
            Assert.True(JsonNode.DeepEquals(value, actual[name]), $"{path}.{name}: expected {value?.ToJsonString()}, got {actual[name]?.ToJsonString()}");
        }
    }

    private static JsonObject Expected() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!.AsObject();

    private static FulfillmentMappingOptions Options()
    {
        var options = new FulfillmentMappingOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Folder, "mapping-options.json")).Build()
            .GetSection(FulfillmentMappingOptions.SectionName).Bind(options);
        Assert.True(new FulfillmentMappingOptionsValidator().Validate(null, options).Succeeded);
        return options;
    }
}
