using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

/// <summary>The order-level rows of DESIGN §6.1 and their options.</summary>
public sealed class OrderFieldsMappingTests
{
    [Fact]
    public void Defaults_give_the_table_s_values()
    {
        var request = MappingAssert.Mapped(OrderSamples.Order);

        Assert.Equal(OrderSamples.Id, request.SellerFulfillmentOrderId);
        Assert.Equal(OrderSamples.Id, request.DisplayableOrderId);
        Assert.Equal("Thank you for your order!", request.DisplayableOrderComment);
        Assert.Equal(ShippingSpeedCategory.Standard, request.ShippingSpeedCategory);
        Assert.Equal(FulfillmentAction.Ship, request.FulfillmentAction);
        Assert.Equal(FulfillmentPolicy.FillOrKill, request.FulfillmentPolicy);
        Assert.Equal("ATVPDKIKX0DER", request.MarketplaceId);
        Assert.Empty(request.NotificationEmails);
        Assert.Empty(request.FeatureConstraints);
    }

    [Fact]
    public void Order_date_is_createdAt_in_utc()
    {
        var request = MappingAssert.Mapped(OrderSamples.Order);

        Assert.Equal(Timestamp.FromDateTime(new DateTime(2026, 11, 27, 9, 15, 30, DateTimeKind.Utc)), request.DisplayableOrderDate);
    }

    [Fact]
    public void No_createdAt_is_a_failure() =>
        MappingAssert.Rejected(OrderSamples.Order with { CreatedAt = null }, ReasonCodes.NoOrderDate);

    [Theory]
    [InlineData("")]
    [InlineData("65A1B2C3D4E5F60718293A4B")]
    [InlineData("65a1b2c3d4e5f60718293a4")]
    [InlineData("65a1b2c3d4e5f60718293a4bc")]
    [InlineData("65a1b2c3d4e5f60718293a4g")]
    public void An_order_id_that_is_not_24_lowercase_hex_is_a_failure(string id) =>
        MappingAssert.Rejected(OrderSamples.Order with { Id = id }, ReasonCodes.InvalidOrderId);

    [Fact]
    public void Prefix_goes_in_front_of_the_seller_id_only()
    {
        var options = new FulfillmentMappingOptions { SellerFulfillmentOrderIdPrefix = "shop-1." };

        var request = MappingAssert.Mapped(OrderSamples.Order, options);

        Assert.Equal("shop-1." + OrderSamples.Id, request.SellerFulfillmentOrderId);
        Assert.Equal(OrderSamples.Id, request.DisplayableOrderId);
    }

    [Fact]
    public void Comment_is_configured_and_cleaned()
    {
        var options = new FulfillmentMappingOptions { DisplayableOrderComment = "  Takk   for\n handelen!  " };

        Assert.Equal("Takk for handelen!", MappingAssert.Mapped(OrderSamples.Order, options).DisplayableOrderComment);
    }

    [Theory]
    [InlineData("Standard", ShippingSpeedCategory.Standard)]
    [InlineData("expedited", ShippingSpeedCategory.Expedited)]
    [InlineData("PRIORITY", ShippingSpeedCategory.Priority)]
    [InlineData("  Priority ", ShippingSpeedCategory.Priority)]
    [InlineData("", ShippingSpeedCategory.Expedited)]
    public void Shipping_speed_comes_from_meta_in_any_case_else_the_default(string meta, ShippingSpeedCategory expected)
    {
        var options = new FulfillmentMappingOptions { DefaultShippingSpeed = ShippingSpeed.Expedited };

        Assert.Equal(expected, MappingAssert.Mapped(OrderSamples.WithMeta("fba-shipping-speed", meta), options).ShippingSpeedCategory);
    }

    [Fact]
    public void Shipping_speed_meta_key_is_matched_in_any_case() =>
        Assert.Equal(ShippingSpeedCategory.Priority, MappingAssert.Mapped(OrderSamples.WithMeta("FBA-Shipping-Speed", "priority")).ShippingSpeedCategory);

    [Theory]
    [InlineData("Overnight")]
    [InlineData("1")]
    [InlineData("Standard,Expedited")]
    [InlineData("ScheduledDelivery")]
    public void An_unknown_shipping_speed_is_a_failure_not_a_silent_downgrade(string meta) =>
        MappingAssert.Rejected(OrderSamples.WithMeta("fba-shipping-speed", meta), ReasonCodes.InvalidShippingSpeed);

    [Theory]
    [InlineData("true", nameof(FulfillmentActionOption.Ship), FulfillmentAction.Hold)]
    [InlineData(" TRUE ", nameof(FulfillmentActionOption.Ship), FulfillmentAction.Hold)]
    [InlineData("false", nameof(FulfillmentActionOption.Ship), FulfillmentAction.Ship)]
    [InlineData("yes", nameof(FulfillmentActionOption.Ship), FulfillmentAction.Ship)]
    [InlineData("false", nameof(FulfillmentActionOption.Hold), FulfillmentAction.Hold)]
    public void Hold_meta_true_holds_else_the_default_action(string meta, string configured, FulfillmentAction expected)
    {
        var options = new FulfillmentMappingOptions { DefaultFulfillmentAction = System.Enum.Parse<FulfillmentActionOption>(configured) };

        Assert.Equal(expected, MappingAssert.Mapped(OrderSamples.WithMeta("fba-hold", meta), options).FulfillmentAction);
    }

    [Theory]
    [InlineData(nameof(FulfillmentPolicyOption.FillOrKill), FulfillmentPolicy.FillOrKill)]
    [InlineData(nameof(FulfillmentPolicyOption.FillAll), FulfillmentPolicy.FillAll)]
    [InlineData(nameof(FulfillmentPolicyOption.FillAllAvailable), FulfillmentPolicy.FillAllAvailable)]
    public void Policy_is_configured(string configured, FulfillmentPolicy expected) =>
        Assert.Equal(expected, MappingAssert.Mapped(OrderSamples.Order, new FulfillmentMappingOptions { FulfillmentPolicy = System.Enum.Parse<FulfillmentPolicyOption>(configured) }).FulfillmentPolicy);

    [Theory]
    [InlineData("NO", "A1F83G8C2ARO7P")]
    [InlineData("Germany", "A1PA6795UKMFR9")]
    [InlineData("SE", "DEFAULT-MP")]
    public void Marketplace_is_chosen_by_destination_country_with_a_default(string country, string expected)
    {
        var options = new FulfillmentMappingOptions { DefaultMarketplaceId = "DEFAULT-MP" };
        options.MarketplaceByCountry["no"] = "A1F83G8C2ARO7P";
        options.MarketplaceByCountry["DE"] = "A1PA6795UKMFR9";

        var order = OrderSamples.WithAddress(OrderSamples.Delivery with { Country = country });

        Assert.Equal(expected, MappingAssert.Mapped(order, options).MarketplaceId);
    }

    [Fact]
    public void Customer_email_is_sent_only_when_configured_to_notify()
    {
        var notify = new FulfillmentMappingOptions { NotifyCustomer = true };
        var order = OrderSamples.Order with { Customer = OrderSamples.Customer with { Email = "  ola@example.com " } };

        Assert.Equal(["ola@example.com"], MappingAssert.Mapped(order, notify).NotificationEmails);
        Assert.Empty(MappingAssert.Mapped(order).NotificationEmails);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Email_over_64_characters_is_left_out_without_failing_the_order(int length, bool sent)
    {
        var email = new string('a', length - "@example.com".Length) + "@example.com";
        var order = OrderSamples.Order with { Customer = OrderSamples.Customer with { Email = email } };

        var request = MappingAssert.Mapped(order, new FulfillmentMappingOptions { NotifyCustomer = true });

        Assert.Equal(sent, request.NotificationEmails.Contains(email));
        Assert.Equal(sent ? 1 : 0, request.NotificationEmails.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("not-an-email")]
    public void A_missing_or_unusable_email_is_left_out(string? email)
    {
        var order = OrderSamples.Order with { Customer = OrderSamples.Customer with { Email = email } };

        Assert.Empty(MappingAssert.Mapped(order, new FulfillmentMappingOptions { NotifyCustomer = true }).NotificationEmails);
    }

    [Fact]
    public void Feature_constraints_are_configured()
    {
        var options = new FulfillmentMappingOptions();
        options.FeatureConstraints.Add(new FeatureConstraintOption { FeatureName = "BLOCK_AMZL", Policy = FeaturePolicy.Required });
        options.FeatureConstraints.Add(new FeatureConstraintOption { FeatureName = "SIGNATURE_CONFIRMATION", Policy = FeaturePolicy.NotRequired });

        var constraints = MappingAssert.Mapped(OrderSamples.Order, options).FeatureConstraints;

        Assert.Collection(
            constraints,
            f => Assert.Equal(("BLOCK_AMZL", FeatureFulfillmentPolicy.Required), (f.FeatureName, f.FeatureFulfillmentPolicy)),
            f => Assert.Equal(("SIGNATURE_CONFIRMATION", FeatureFulfillmentPolicy.NotRequired), (f.FeatureName, f.FeatureFulfillmentPolicy)));
    }

    [Fact]
    public void Mapping_is_pure_the_same_input_gives_the_same_request() =>
        Assert.Equal(MappingAssert.Mapped(OrderSamples.Order), MappingAssert.Mapped(OrderSamples.Order));

    [Fact]
    public void No_fba_lines_is_a_skip_even_without_an_address()
    {
        var order = OrderSamples.Order with { Customer = null, Cart = [new CartLine("SKU-1", Quantity: 0)] };

        var skipped = Assert.IsType<MappingOutcome.Skipped>(FulfillmentOrderMapper.Map(order, OrderSamples.Id, new FulfillmentMappingOptions()));

        Assert.Equal(ReasonCodes.NoFbaItems, skipped.ReasonCode);
    }

    [Fact]
    public void Meta_entries_with_null_keys_are_ignored()
    {
        var order = OrderSamples.Order with { Meta = [new KeyValue(null, "x"), new KeyValue("fba-hold", "true")] };

        Assert.Equal(FulfillmentAction.Hold, MappingAssert.Mapped(order).FulfillmentAction);
    }
}
