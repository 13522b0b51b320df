using System.Text.Json;

namespace FbaMesh.WebhookGateway.Tests.Unit;

public sealed class PayloadTests
{
    [Theory]
    [InlineData("""{"order":{"get":{"id":"63f2d3b2a94533f79fc6397b","total":1}}}""")]
    [InlineData("""{"id":"63f2d3b2a94533f79fc6397b","type":"order"}""")]
    [InlineData("""{"orderId":"63f2d3b2a94533f79fc6397b"}""")]
    [InlineData("""{"order":{"get":null},"id":"63f2d3b2a94533f79fc6397b"}""")]
    public void The_order_id_is_found_in_every_payload_shape(string json)
    {
        using var document = JsonDocument.Parse(json);

        var (orderId, rejection) = OrderIdReader.Read(document.RootElement);

        Assert.Null(rejection);
        Assert.Equal("63f2d3b2a94533f79fc6397b", orderId);
    }

    [Fact]
    public void The_query_payload_wins_over_a_bare_id()
    {
        using var document = JsonDocument.Parse("""{"id":"aaaaaaaaaaaaaaaaaaaaaaaa","order":{"get":{"id":"63f2d3b2a94533f79fc6397b"}}}""");

        Assert.Equal("63f2d3b2a94533f79fc6397b", OrderIdReader.Read(document.RootElement).OrderId);
    }

    [Fact]
    public void A_repeated_key_takes_its_last_value_as_JSON_parse_does()
    {
        using var document = JsonDocument.Parse("""{"id":"aaaaaaaaaaaaaaaaaaaaaaaa","id":"63f2d3b2a94533f79fc6397b"}""");

        Assert.Equal("63f2d3b2a94533f79fc6397b", OrderIdReader.Read(document.RootElement).OrderId);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON; charset=UTF-8", true)]
    [InlineData("application/cloudevents+json", true)]
    [InlineData("application/json; charset=utf-16", false)]
    [InlineData("text/json", false)]
    [InlineData("text/plain", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("json", false)]
    public void Only_utf8_json_media_types_are_read(string? contentType, bool accepted) =>
        Assert.Equal(accepted, WebhookBody.CheckContentType(contentType) is null);

    [Fact]
    public void A_rejection_echoes_a_hostile_content_type_short_and_printable()
    {
        var rejection = WebhookBody.CheckContentType("x/" + new string('a', 500) + "\u0001");

        Assert.NotNull(rejection);
        Assert.True(rejection.Detail.Length < 200);
        Assert.DoesNotContain('\u0001', rejection.Detail);
    }
}
