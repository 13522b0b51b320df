using System.Collections.Concurrent;
using System.Text.Json;

namespace FbaMesh.SpApiEmulator;

/// <summary>
/// Postal codes Amazon will not deliver to. createFulfillmentOrder refuses an order addressed to one with
/// a 400 InvalidInput whose message quotes the destination address back, name and phone included, as
/// Amazon's address errors do: the test of a caller that must not repeat Amazon's free text.
/// </summary>
public sealed class UndeliverableAddresses
{
    private readonly ConcurrentDictionary<string, byte> postalCodes = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> PostalCodes => [.. postalCodes.Keys.Order(StringComparer.Ordinal)];

    public void Refuse(string postalCode) => postalCodes[postalCode] = 0;

    public void Accept(string postalCode) => postalCodes.TryRemove(postalCode, out _);

    internal void Reset() => postalCodes.Clear();

    /// <summary>The refusal for an order addressed to a refused postal code, else null.</summary>
    internal SpApiResponse? Check(JsonElement order)
    {
        if (!order.TryGetProperty("destinationAddress", out var address)
            || !address.TryGetProperty("postalCode", out var postal)
            || postal.GetString() is not { } postalCode
            || !postalCodes.ContainsKey(postalCode))
        {
            return null;
        }

        var quoted = string.Join(", ", new[] { "name", "addressLine1", "addressLine2", "addressLine3", "city", "districtOrCounty", "stateOrRegion", "postalCode", "countryCode", "phone" }
            .Select(field => address.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
            .Where(value => !string.IsNullOrEmpty(value)));
        return SpApiResponse.InvalidInput($"The destination address '{quoted}' is not a deliverable address.", quoted);
    }
}
