using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Submitting;
using FbaMesh.FbaSubmitter.Tests.Support;

namespace FbaMesh.FbaSubmitter.Tests.Unit;

public class SubmitRequestValidatorTests
{
    [Fact]
    public void A_complete_request_passes()
    {
        Assert.Empty(SubmitRequestValidator.Validate(Orders.Valid()));
    }

    [Fact]
    public void An_empty_request_names_every_required_field()
    {
        var fields = SubmitRequestValidator.Validate(new SubmitFulfillmentOrderRequest()).Select(v => v.Field).ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                "seller_fulfillment_order_id", "displayable_order_id", "displayable_order_date", "displayable_order_comment",
                "shipping_speed_category", "destination_address", "items",
            },
            fields);
    }

    [Fact]
    public void Lengths_and_limits_follow_Amazons_model()
    {
        var request = Orders.Valid(new string('x', 41));
        request.DisplayableOrderId = "two  spaces";
        request.DisplayableOrderComment = new string('c', 751);
        request.NotificationEmails.Add(new string('e', 60) + "@x.com");
        request.Items[0].SellerSku = new string('s', 51);
        request.Items[0].Quantity = 251;
        request.Items[0].GiftMessage = new string('g', 513);
        request.DestinationAddress.CountryCode = "Norway";
        request.Items[0].PerUnitDeclaredValue.Value = "19,99";

        var problems = SubmitRequestValidator.Validate(request).ToDictionary(v => v.Field, v => v.Problem);

        Assert.Contains("at most 40", problems["seller_fulfillment_order_id"], StringComparison.Ordinal);
        Assert.Contains("two spaces", problems["displayable_order_id"], StringComparison.Ordinal);
        Assert.Contains("at most 750", problems["displayable_order_comment"], StringComparison.Ordinal);
        Assert.Contains("at most 64", problems["notification_emails[1]"], StringComparison.Ordinal);
        Assert.Contains("at most 50", problems["items[0].seller_sku"], StringComparison.Ordinal);
        Assert.Contains("at most 512", problems["items[0].gift_message"], StringComparison.Ordinal);
        Assert.Contains("at most 250", problems["items"], StringComparison.Ordinal);
        Assert.Contains("ISO 3166", problems["destination_address.country_code"], StringComparison.Ordinal);
        Assert.Contains("decimal", problems["items[0].per_unit_declared_value.value"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order/1")]
    [InlineData("order 1")]
    [InlineData("ordre-ø")]
    public void An_id_that_would_bend_Amazons_URL_is_refused(string id)
    {
        Assert.Contains(SubmitRequestValidator.Validate(Orders.Valid(id)), v => v.Field == "seller_fulfillment_order_id");
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("-order")]
    [InlineData("_order")]
    public void An_id_that_does_not_start_with_a_letter_or_digit_is_refused(string id)
    {
        var problem = Assert.Single(SubmitRequestValidator.Validate(Orders.Valid(id)), v => v.Field == "seller_fulfillment_order_id");

        Assert.Equal("must start with a letter or a digit", problem.Problem);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("0-order_1")]
    public void Separators_inside_an_id_are_allowed(string id)
    {
        Assert.DoesNotContain(SubmitRequestValidator.Validate(Orders.Valid(id)), v => v.Field == "seller_fulfillment_order_id");
    }

    [Fact]
    public void Hold_is_refused_with_scheduled_delivery()
    {
        var request = Orders.Valid();
        request.ShippingSpeedCategory = ShippingSpeedCategory.ScheduledDelivery;
        request.FulfillmentAction = FulfillmentAction.Hold;

        Assert.Contains(SubmitRequestValidator.Validate(request), v => v.Field == "fulfillment_action");
    }

    [Fact]
    public void Zero_quantity_and_repeated_line_ids_are_refused()
    {
        var request = Orders.Valid();
        request.Items.Add(request.Items[0].Clone());
        request.Items[1].Quantity = 0;

        var problems = SubmitRequestValidator.Validate(request);

        Assert.Contains(problems, v => v.Field == "items[1].quantity");
        Assert.Contains(problems, v => v.Field == "items" && v.Problem.Contains("more than once", StringComparison.Ordinal));
    }
}
