using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>
/// Country code or English name → ISO 3166-1 alpha-2, from the platform's region data (ICU) rather than a
/// hand-typed table, plus the everyday names merchants' checkouts produce ("USA", "UK", "Holland").
/// </summary>
internal static partial class CountryCodes
{
    // Names people write that the region data does not hold as a region's English name.
    private static readonly (string Alias, string Code)[] Aliases =
    [
        ("USA", "US"), ("U.S.A.", "US"), ("U.S.", "US"), ("America", "US"), ("United States of America", "US"),
        ("UK", "GB"), ("U.K.", "GB"), ("Great Britain", "GB"), ("Britain", "GB"), ("England", "GB"),
        ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("Holland", "NL"), ("The Netherlands", "NL"), ("Czech Republic", "CZ"), ("Korea", "KR"),
        ("Republic of Korea", "KR"), ("Russian Federation", "RU"), ("Viet Nam", "VN"),
        ("Republic of Ireland", "IE"), ("Eire", "IE"), ("Türkiye", "TR"), ("Turkey", "TR"),
        ("UAE", "AE"), ("Ivory Coast", "CI"), ("Swaziland", "SZ"), ("Macedonia", "MK"), ("Burma", "MM"),
        ("Macau", "MO"), ("Palestine", "PS"), ("Vatican", "VA"), ("Holy See", "VA"), ("East Timor", "TL"),
        ("Cabo Verde", "CV"), ("DR Congo", "CD"), ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"), ("Taiwan, Province of China", "TW"),
    ];

    // Codes ICU knows that ISO 3166-1 does not assign to a country (groupings, pseudo-regions, Kosovo's XK).
    private static readonly FrozenSet<string> NotCountries = FrozenSet.ToFrozenSet(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"]);

    private static readonly FrozenDictionary<string, string> ByKey = Build();

    /// <summary>The alpha-2 code for <paramref name="country"/>, or null when it names no known country.</summary>
    public static string? Resolve(string? country)
    {
        var key = Key(country);
        return key.Length > 0 && ByKey.TryGetValue(key, out var code) ? code : null;
    }

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in AllRegions())
        {
            map.TryAdd(Key(region.TwoLetterISORegionName), region.TwoLetterISORegionName);
            map.TryAdd(Key(region.ThreeLetterISORegionName), region.TwoLetterISORegionName);
            foreach (var name in NameVariants(region.EnglishName))
            {
                map.TryAdd(Key(name), region.TwoLetterISORegionName);
            }
        }

        foreach (var (alias, code) in Aliases)
        {
            map[Key(alias)] = code;
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// ICU's short English names ("St. Kitts &amp; Nevis", "Myanmar (Burma)", "Hong Kong SAR China") and the
    /// way people write them ("Saint Kitts and Nevis", "Myanmar", "Hong Kong").
    /// </summary>
    private static IEnumerable<string> NameVariants(string name)
    {
        var spelled = name.Replace("&", "and", StringComparison.Ordinal).Replace("St. ", "Saint ", StringComparison.Ordinal);
        string[] forms = [name, spelled, spelled.Replace(" SAR China", "", StringComparison.Ordinal)];
        foreach (var form in forms)
        {
            yield return form;
            yield return Parenthesis().Replace(form, "");
        }
    }

    private static IEnumerable<RegionInfo> AllRegions()
    {
        // Every two-letter code the platform knows, including territories no culture is written for.
        for (var first = 'A'; first <= 'Z'; first++)
        {
            for (var second = 'A'; second <= 'Z'; second++)
            {
                var code = string.Concat(first, second);
                if (!NotCountries.Contains(code) && TryRegion(code) is { } region)
                {
                    yield return region;
                }
            }
        }
    }

    private static RegionInfo? TryRegion(string code)
    {
        try
        {
            var region = new RegionInfo(code);
            return region.TwoLetterISORegionName == code ? region : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Upper case, no diacritics, letters and digits only: "Côte d’Ivoire" and "COTE DIVOIRE" meet.</summary>
    private static string Key(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Parenthesis();
}
