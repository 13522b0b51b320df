using System.Text.Json.Serialization;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>Amazon's JSON: camelCase names, absent rather than null properties, case-insensitive reading.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CreateFulfillmentOrderBody))]
[JsonSerializable(typeof(GetFulfillmentOrderBody))]
[JsonSerializable(typeof(ListAllFulfillmentOrdersBody))]
[JsonSerializable(typeof(GetPackageTrackingDetailsBody))]
[JsonSerializable(typeof(UpdateFulfillmentOrderBody))]
[JsonSerializable(typeof(GetFulfillmentPreviewRequestBody))]
[JsonSerializable(typeof(GetFulfillmentPreviewBody))]
[JsonSerializable(typeof(AmazonErrorBody))]
[JsonSerializable(typeof(LwaTokenResponse))]
[JsonSerializable(typeof(LwaError))]
internal sealed partial class AmazonJsonContext : JsonSerializerContext;
