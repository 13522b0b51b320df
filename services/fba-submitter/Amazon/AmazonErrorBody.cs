using System.Text.Json;
using System.Text.Json.Serialization;
using FbaMesh.Contracts.Fulfillment.V1;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>The { "errors": [ { code, message, details } ] } that every SP-API answer may carry.</summary>
internal sealed record AmazonErrorBody([property: JsonPropertyName("errors")] List<AmazonErrorItem>? Errors)
{
    public static IReadOnlyList<AmazonErrorItem> Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(body, AmazonJsonContext.Default.AmazonErrorBody)?.Errors ?? [];
        }
        catch (JsonException)
        {
            // An HTML error page from a load balancer is not Amazon's error list; the HTTP status still speaks.
            return [];
        }
    }

    /// <summary>
    /// Amazon's error list as it may leave this service: each code with FbaMesh's wording for it, and the
    /// details only when they are a JSON path. Amazon's free-text message stays here: it may quote the
    /// request's name, address or phone.
    /// </summary>
    public static AmazonErrors ToProto(int httpStatus, IReadOnlyList<AmazonErrorItem> errors)
    {
        var proto = new AmazonErrors { HttpStatus = httpStatus };
        proto.Errors.AddRange(errors.Select(e => new AmazonError
        {
            Code = AmazonErrorWording.SafeCode(e.Code),
            Message = AmazonErrorWording.For(e.Code),
            Details = AmazonErrorWording.SafeDetails(e.Details) ?? "",
        }));
        return proto;
    }

    /// <summary>"InvalidInput (Amazon found a value of the request invalid) at $.items[0].sellerSku" for a status message.</summary>
    public static string Describe(IReadOnlyList<AmazonErrorItem> errors) =>
        errors.Count == 0 ? "no error list" : string.Join("; ", errors.Select(AmazonErrorWording.Describe));
}

internal sealed record AmazonErrorItem(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("details")] string? Details);
