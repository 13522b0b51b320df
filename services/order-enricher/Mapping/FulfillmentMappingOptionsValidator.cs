using System.Text.RegularExpressions;
using FbaMesh.Contracts;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>Checked at startup (ValidateOnStart): a bad option stops the service instead of failing every order.</summary>
internal sealed partial class FulfillmentMappingOptionsValidator : IValidateOptions<FulfillmentMappingOptions>
{
    public const int MaxSellerFulfillmentOrderIdLength = 40;
    public const int MaxCommentLength = 750;

    public ValidateOptionsResult Validate(string? name, FulfillmentMappingOptions options)
    {
        var errors = new List<string>();
        var prefix = options.SellerFulfillmentOrderIdPrefix ?? "";
        if (!SellerIdCharacters().IsMatch(prefix))
        {
            errors.Add($"Fulfillment:SellerFulfillmentOrderIdPrefix may only hold A-Z, a-z, 0-9, '.', '_' and '-'.");
        }

        if (prefix.Length + OrderId.Length > MaxSellerFulfillmentOrderIdLength)
        {
            errors.Add($"Fulfillment:SellerFulfillmentOrderIdPrefix is {prefix.Length} characters; with the {OrderId.Length}-character order id it must stay within {MaxSellerFulfillmentOrderIdLength}.");
        }

        var comment = CleanText.Of(options.DisplayableOrderComment);
        if (comment.Length is 0 or > MaxCommentLength)
        {
            errors.Add($"Fulfillment:DisplayableOrderComment must have 1 to {MaxCommentLength} characters (Amazon requires it).");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultMarketplaceId))
        {
            errors.Add("Fulfillment:DefaultMarketplaceId is required.");
        }

        foreach (var (country, marketplace) in options.MarketplaceByCountry)
        {
            if (CountryCodes.Resolve(country) is not { } code || !string.Equals(code, country.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Fulfillment:MarketplaceByCountry key '{country}' is not an ISO 3166-1 alpha-2 country code.");
            }

            if (string.IsNullOrWhiteSpace(marketplace))
            {
                errors.Add($"Fulfillment:MarketplaceByCountry:{country} has no marketplace id.");
            }
        }

        errors.AddRange(options.FeatureConstraints
            .Where(f => string.IsNullOrWhiteSpace(f.FeatureName))
            .Select(_ => "Fulfillment:FeatureConstraints entries need a FeatureName (e.g. BLOCK_AMZL)."));
        errors.AddRange(options.SkuMap
            .Where(kv => string.IsNullOrWhiteSpace(kv.Value) || CleanText.Of(kv.Value).Length > AmazonItemLimits.MaxSkuLength)
            .Select(kv => $"Fulfillment:SkuMap:{kv.Key} must map to a seller SKU of 1 to {AmazonItemLimits.MaxSkuLength} characters."));
        errors.AddRange(options.FbaSkus
            .Where(string.IsNullOrWhiteSpace)
            .Select(_ => "Fulfillment:FbaSkus may not hold an empty SKU."));

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]*$")]
    private static partial Regex SellerIdCharacters();
}
