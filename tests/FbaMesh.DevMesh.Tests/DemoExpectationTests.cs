using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.DevMesh.Demo;
using FbaMesh.SpApiEmulator;
using FbaMesh.Testing;

namespace FbaMesh.DevMesh.Tests;

public sealed class DemoExpectationTests
{
    private static readonly string Fixtures = RepositoryPaths.Combine("tools", "crystallize-emulator", "fixtures");

    [Fact]
    public void Every_expectation_names_a_sample_order_and_every_sample_order_has_one()
    {
        var samples = SampleOrders.Load(Fixtures);
        var fixtureFiles = Directory.GetFiles(Fixtures, "*.json").Count(f => !OrderFixtures.NotOrders.Contains(Path.GetFileName(f)));

        Assert.Equal(fixtureFiles, samples.Count);
        Assert.All(samples, s => Assert.Equal(s.Id, s.Order["id"]!.GetValue<string>()));
        Assert.All(samples, s => Assert.Equal(s.Id, s.Expected.OrderId));
    }

    [Fact]
    public void An_unknown_outcome_stops_the_load_naming_the_order()
    {
        var folder = Directory.CreateTempSubdirectory("fbamesh-expected-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "expected.json"), """{ "6724c1a95e1d4b0012a3f101": { "outcome": "ship" } }""");

            var error = Assert.Throws<InvalidDataException>(() => ExpectedOutcome.Load(folder));

            Assert.Contains("6724c1a95e1d4b0012a3f101", error.Message, StringComparison.Ordinal);
            Assert.Contains("'ship'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_sample_expectations_load_with_known_outcomes()
    {
        var expectations = ExpectedOutcome.Load(Fixtures);

        Assert.NotEmpty(expectations);
        Assert.All(expectations, e => Assert.Contains(e.StatusOf(), new[] { "Submitted", "Skipped", "Failed" }));
        Assert.All(expectations.Where(e => e.Outcome != ExpectedOutcome.Submit), e => Assert.NotNull(e.ReasonCode));
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"a":{"x":"y"}}""", """{"a":{"x":"y","z":1}}""", true)]
    [InlineData("""{"a":1}""", """{"a":2}""", false)]
    [InlineData("""{"a":1}""", """{"b":1}""", false)]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2,3]}""", false)]
    [InlineData("""{"a":[{"s":"x"}]}""", """{"a":[{"s":"x","q":1}]}""", true)]
    public void Expected_request_fields_must_all_be_in_the_request_amazon_received(string expected, string actual, bool matches)
    {
        Assert.Equal(matches, ExpectedOutcome.RequestMatches(JsonNode.Parse(expected), JsonNode.Parse(actual)));
    }

    [Fact]
    public void A_submitted_order_must_be_at_amazon_exactly_once()
    {
        var expected = new ExpectedOutcome("o1", ExpectedOutcome.Submit, null, null);
        var progress = new OrderProgress("o1", OrderProgress.Submitted, SellerFulfillmentOrderId: "o1");
        var once = new CreatedFulfillmentOrder("o1", "{}", DateTimeOffset.UnixEpoch, "Received");

        Assert.True(DemoVerdict.Judge(expected, progress, [once]).Matches);
        Assert.Contains("0 fulfillment orders", DemoVerdict.Judge(expected, progress, []).Mismatch, StringComparison.Ordinal);
        Assert.Contains("2 fulfillment orders", DemoVerdict.Judge(expected, progress, [once, once]).Mismatch, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_order_must_carry_the_expected_reason_and_never_reach_amazon()
    {
        var expected = new ExpectedOutcome("o2", ExpectedOutcome.Fail, "invalid-country", null);
        var failed = new OrderProgress("o2", OrderProgress.Failed, "invalid-country", "Atlantis");

        Assert.True(DemoVerdict.Judge(expected, failed, []).Matches);
        Assert.False(DemoVerdict.Judge(expected, failed with { ReasonCode = "no-shipping-address" }, []).Matches);
        Assert.False(DemoVerdict.Judge(expected, failed, [new CreatedFulfillmentOrder("o2", "{}", DateTimeOffset.UnixEpoch, "Received")]).Matches);
        Assert.Equal("never settled", DemoVerdict.Judge(expected, null, []).Mismatch);
    }
}
