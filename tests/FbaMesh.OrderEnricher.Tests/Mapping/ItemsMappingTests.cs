using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

/// <summary>The items row of DESIGN §6.1 and Amazon's size limits.</summary>
public sealed class ItemsMappingTests
{
    [Fact]
    public void Each_line_becomes_an_item_whose_id_is_the_seller_sku()
    {
        var item = Assert.Single(MappingAssert.Mapped(OrderSamples.Order).Items);

        Assert.Equal(("SKU-1", "SKU-1", 2), (item.SellerSku, item.SellerFulfillmentOrderItemId, item.Quantity));
    }

    [Fact]
    public void Lines_without_sku_or_with_no_positive_quantity_are_left_out()
    {
        var order = OrderSamples.WithCart(
            new CartLine("A", Quantity: 1), new CartLine(null, Quantity: 3), new CartLine("  ", Quantity: 3),
            new CartLine("B", Quantity: 0), new CartLine("C", Quantity: -2), new CartLine("D", Quantity: null));

        var item = Assert.Single(MappingAssert.Mapped(order).Items);

        Assert.Equal("A", item.SellerSku);
    }

    [Fact]
    public void Skus_go_through_the_sku_map_and_unmapped_skus_are_kept()
    {
        var options = new FulfillmentMappingOptions();
        options.SkuMap["crystal-ball"] = "FBA-BALL-01";

        var items = MappingAssert.Mapped(OrderSamples.WithCart(new CartLine("crystal-ball", Quantity: 1), new CartLine("other", Quantity: 1)), options).Items;

        Assert.Equal(["FBA-BALL-01", "other"], items.Select(i => i.SellerSku));
        Assert.Equal(["FBA-BALL-01", "other"], items.Select(i => i.SellerFulfillmentOrderItemId));
    }

    [Fact]
    public void Allow_list_leaves_out_lines_amazon_does_not_stock_checked_after_the_map()
    {
        var options = new FulfillmentMappingOptions();
        options.SkuMap["crystal-ball"] = "FBA-BALL-01";
        options.FbaSkus.AddRange(["FBA-BALL-01", "FBA-WAND"]);

        var order = OrderSamples.WithCart(
            new CartLine("crystal-ball", Quantity: 1), new CartLine("gift-card", Quantity: 1), new CartLine("FBA-WAND", Quantity: 4));

        Assert.Equal([("FBA-BALL-01", 1), ("FBA-WAND", 4)], MappingAssert.Mapped(order, options).Items.Select(i => (i.SellerSku, i.Quantity)));
    }

    [Fact]
    public void Only_non_fba_lines_is_a_skip_with_nothing_to_send()
    {
        var options = new FulfillmentMappingOptions();
        options.FbaSkus.Add("FBA-WAND");

        var skipped = Assert.IsType<MappingOutcome.Skipped>(FulfillmentOrderMapper.Map(OrderSamples.Order, OrderSamples.Id, options));

        Assert.Equal(ReasonCodes.NoFbaItems, skipped.ReasonCode);
    }

    [Fact]
    public void Empty_or_missing_cart_is_a_skip()
    {
        Assert.IsType<MappingOutcome.Skipped>(FulfillmentOrderMapper.Map(OrderSamples.WithCart(), OrderSamples.Id, new FulfillmentMappingOptions()));
        Assert.IsType<MappingOutcome.Skipped>(FulfillmentOrderMapper.Map(OrderSamples.Order with { Cart = null }, OrderSamples.Id, new FulfillmentMappingOptions()));
    }

    [Fact]
    public void Lines_with_the_same_seller_sku_merge_in_first_seen_order()
    {
        var options = new FulfillmentMappingOptions();
        options.SkuMap["ball-red"] = "FBA-BALL";
        options.SkuMap["ball-blue"] = "FBA-BALL";

        var order = OrderSamples.WithCart(
            new CartLine("wand", Quantity: 1), new CartLine("ball-red", Quantity: 2), new CartLine("ball-blue", Quantity: 3),
            new CartLine(" wand ", Quantity: 4));

        Assert.Equal([("wand", 5), ("FBA-BALL", 5)], MappingAssert.Mapped(order, options).Items.Select(i => (i.SellerSku, i.Quantity)));
    }

    [Fact]
    public void Sku_white_space_is_trimmed_and_collapsed()
    {
        var item = Assert.Single(MappingAssert.Mapped(OrderSamples.WithCart(new CartLine("  SKU   1 ", Quantity: 1))).Items);

        Assert.Equal("SKU 1", item.SellerSku);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Over_100_lines_is_too_many(int lineCount, bool accepted)
    {
        var order = OrderSamples.WithCart([.. Enumerable.Range(0, lineCount).Select(i => new CartLine($"SKU-{i}", Quantity: 1))]);

        AssertAccepted(order, accepted);
    }

    [Theory]
    [InlineData(250, true)]
    [InlineData(251, false)]
    public void Over_250_units_is_too_many(int units, bool accepted) =>
        AssertAccepted(OrderSamples.WithCart(new CartLine("BULK", Quantity: units)), accepted);

    [Fact]
    public void Units_are_counted_after_merging_and_across_lines()
    {
        MappingAssert.Mapped(OrderSamples.WithCart(new CartLine("A", Quantity: 125), new CartLine("A", Quantity: 125)));
        MappingAssert.Rejected(OrderSamples.WithCart(new CartLine("A", Quantity: 125), new CartLine("B", Quantity: 126)), ReasonCodes.TooManyUnits);
        MappingAssert.Rejected(OrderSamples.WithCart(new CartLine("A", Quantity: int.MaxValue), new CartLine("A", Quantity: int.MaxValue)), ReasonCodes.TooManyUnits);
    }

    [Fact]
    public void Merged_lines_count_once_toward_the_line_limit()
    {
        var lines = Enumerable.Range(0, 120).Select(i => new CartLine($"SKU-{i % 100}", Quantity: 1)).ToArray();

        Assert.Equal(100, MappingAssert.Mapped(OrderSamples.WithCart(lines)).Items.Count);
    }

    [Fact]
    public void Left_out_lines_do_not_count_toward_the_limits()
    {
        var options = new FulfillmentMappingOptions();
        options.FbaSkus.Add("FBA");

        MappingAssert.Mapped(OrderSamples.WithCart(new CartLine("FBA", Quantity: 1), new CartLine("OTHER", Quantity: 1000)), options);
    }

    [Fact]
    public void A_seller_sku_over_50_characters_is_a_failure()
    {
        MappingAssert.Mapped(OrderSamples.WithCart(new CartLine(new string('S', 50), Quantity: 1)));
        MappingAssert.Rejected(OrderSamples.WithCart(new CartLine(new string('S', 51), Quantity: 1)), ReasonCodes.InvalidSku);
    }

    private static void AssertAccepted(CrystallizeOrder order, bool accepted)
    {
        if (accepted)
        {
            MappingAssert.Mapped(order);
        }
        else
        {
            MappingAssert.Rejected(order, ReasonCodes.TooManyUnits);
        }
    }
}
