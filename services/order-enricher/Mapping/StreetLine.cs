using System.Collections.Frozen;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>addressLine1 from street and house number, in the order the destination country writes them.</summary>
internal static class StreetLine
{
    /// <summary>Countries that write the number first ("1234 Amazon Way"); the rest write "Storgata 12".</summary>
    public static readonly FrozenSet<string> NumberFirstCountries =
        FrozenSet.ToFrozenSet(["US", "CA", "GB", "IE", "AU", "NZ", "FR"], StringComparer.Ordinal);

    private static readonly char[] TokenTrim = [',', '.', ';'];

    public static string Compose(string? street, string? streetNumber, string countryCode)
    {
        var cleanStreet = CleanText.Of(street);
        var number = CleanText.Of(streetNumber);
        if (number.Length == 0 || cleanStreet.Length == 0 || HoldsNumber(cleanStreet, number))
        {
            return cleanStreet;
        }

        return NumberFirstCountries.Contains(countryCode) ? $"{number} {cleanStreet}" : $"{cleanStreet} {number}";
    }

    /// <summary>Whether the street already carries the number as a word of its own (checkouts often put it there).</summary>
    private static bool HoldsNumber(string street, string number)
    {
        if (number.Contains(' ', StringComparison.Ordinal))
        {
            return $" {street} ".Contains($" {number} ", StringComparison.OrdinalIgnoreCase);
        }

        return street.Split(' ').Any(word => string.Equals(word.Trim(TokenTrim), number, StringComparison.OrdinalIgnoreCase));
    }
}
