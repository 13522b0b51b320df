using FbaMesh.OrderEnricher.Mapping;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

/// <summary>Options are checked once at startup, so a typo stops the service rather than failing every order.</summary>
public sealed class OptionsValidationTests
{
    private static readonly FulfillmentMappingOptionsValidator Validator = new();

    [Fact]
    public void Defaults_are_valid() => Assert.True(Validator.Validate(null, new FulfillmentMappingOptions()).Succeeded);

    [Theory]
    [InlineData("shop.A_1-", true)]
    [InlineData("1234567890123456", true)]
    [InlineData("12345678901234567", false)]
    [InlineData("shop 1", false)]
    [InlineData("shop/1", false)]
    [InlineData("butikk-ø", false)]
    public void Prefix_keeps_the_seller_id_within_40_characters_of_the_allowed_set(string prefix, bool valid) =>
        Assert.Equal(valid, Validator.Validate(null, new FulfillmentMappingOptions { SellerFulfillmentOrderIdPrefix = prefix }).Succeeded);

    [Theory]
    [InlineData(750, true)]
    [InlineData(751, false)]
    [InlineData(0, false)]
    public void Comment_has_1_to_750_characters(int length, bool valid) =>
        Assert.Equal(valid, Validator.Validate(null, new FulfillmentMappingOptions { DisplayableOrderComment = new string('c', length) }).Succeeded);

    [Fact]
    public void Marketplace_keys_must_be_country_codes_with_a_marketplace()
    {
        var options = new FulfillmentMappingOptions();
        options.MarketplaceByCountry["Norway"] = "A1F83G8C2ARO7P";
        options.MarketplaceByCountry["DE"] = " ";

        var result = Validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void Default_marketplace_is_required() =>
        Assert.False(Validator.Validate(null, new FulfillmentMappingOptions { DefaultMarketplaceId = "" }).Succeeded);

    [Fact]
    public void Feature_constraints_need_a_name()
    {
        var options = new FulfillmentMappingOptions();
        options.FeatureConstraints.Add(new FeatureConstraintOption { FeatureName = " " });

        Assert.False(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Sku_map_targets_and_allow_list_entries_must_be_usable_skus()
    {
        var badMap = new FulfillmentMappingOptions();
        badMap.SkuMap["a"] = new string('x', 51);
        var emptyTarget = new FulfillmentMappingOptions();
        emptyTarget.SkuMap["a"] = "";
        var badList = new FulfillmentMappingOptions();
        badList.FbaSkus.Add(" ");

        Assert.False(Validator.Validate(null, badMap).Succeeded);
        Assert.False(Validator.Validate(null, emptyTarget).Succeeded);
        Assert.False(Validator.Validate(null, badList).Succeeded);
    }
}
