using System.Globalization;
using FbaMesh.Contracts.Fulfillment.V1;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>Money travels as a decimal string; a value that is not one would be rejected by Amazon anyway.</summary>
internal static class MoneyRules
{
    public static void Check(Money? money, string field, List<(string, string)> v)
    {
        if (money is null)
        {
            return;
        }

        if (money.CurrencyCode.Length != 3 || !money.CurrencyCode.All(char.IsAsciiLetterUpper))
        {
            v.Add(($"{field}.currency_code", "must be an ISO 4217 code (e.g. USD)"));
        }

        if (!decimal.TryParse(money.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            v.Add(($"{field}.value", "must be a decimal number such as 10.00"));
        }
    }
}
