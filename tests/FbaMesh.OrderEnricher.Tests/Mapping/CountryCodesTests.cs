using System.Globalization;
using FbaMesh.OrderEnricher.Mapping;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

/// <summary>The country table comes from the platform's ICU data; these pin what merchants' checkouts send.</summary>
public sealed class CountryCodesTests
{
    [Fact]
    public void The_platform_knows_every_country_we_resolve_names_from()
    {
        // Without ICU (invariant globalization) only codes would resolve; fail loudly rather than reject orders.
        Assert.False(CultureInfo.InvariantCulture.Equals(CultureInfo.GetCultureInfo("nb-NO")));
        Assert.Equal("NO", CountryCodes.Resolve("Norway"));
    }

    [Theory]
    [InlineData("Sweden", "SE")]
    [InlineData("SWE", "SE")]
    [InlineData("germany", "DE")]
    [InlineData("France", "FR")]
    [InlineData("Japan", "JP")]
    [InlineData("Canada", "CA")]
    [InlineData("Australia", "AU")]
    [InlineData("New Zealand", "NZ")]
    [InlineData("Ireland", "IE")]
    [InlineData("Northern Ireland", "GB")]
    [InlineData("England", "GB")]
    [InlineData("U.S.A.", "US")]
    [InlineData("United States of America", "US")]
    [InlineData("Holland", "NL")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("Netherlands", "NL")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Czechia", "CZ")]
    [InlineData("South Korea", "KR")]
    [InlineData("Åland Islands", "AX")]
    [InlineData("Curaçao", "CW")]
    [InlineData("Puerto Rico", "PR")]
    [InlineData("Hong Kong", "HK")]
    [InlineData("Macao", "MO")]
    [InlineData("Saint Kitts and Nevis", "KN")]
    [InlineData("St. Kitts & Nevis", "KN")]
    [InlineData("Bosnia and Herzegovina", "BA")]
    [InlineData("Myanmar", "MM")]
    [InlineData("Cocos Islands", "CC")]
    [InlineData("Trinidad and Tobago", "TT")]
    [InlineData("São Tomé and Príncipe", "ST")]
    [InlineData("Sao Tome & Principe", "ST")]
    [InlineData("Democratic Republic of the Congo", "CD")]
    [InlineData("gb", "GB")]
    public void Names_codes_and_aliases_resolve(string text, string code) => Assert.Equal(code, CountryCodes.Resolve(text));

    [Theory]
    [InlineData("Europe")]
    [InlineData("World")]
    [InlineData("EU")]
    [InlineData("ZZ")]
    [InlineData("N")]
    [InlineData("Norge")]
    [InlineData("XK")]
    [InlineData("Kosovo")]
    public void Non_countries_and_non_english_names_do_not_resolve(string text) => Assert.Null(CountryCodes.Resolve(text));
}
