using FbaMesh.Contracts.Fulfillment.V1;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>Amazon's model sets no lengths on address fields; it requires name, line 1, postal code and country.</summary>
internal static class AddressRules
{
    private const int NoLimit = int.MaxValue;

    public static void Check(Address? a, List<(string, string)> v)
    {
        if (a is null)
        {
            v.Add(("destination_address", "is required"));
            return;
        }

        SubmitRequestValidator.Required(a.Name, "destination_address.name", NoLimit, v);
        SubmitRequestValidator.Required(a.AddressLine1, "destination_address.address_line1", NoLimit, v);
        SubmitRequestValidator.Required(a.PostalCode, "destination_address.postal_code", NoLimit, v);
        if (a.CountryCode.Length != 2 || !a.CountryCode.All(char.IsAsciiLetterUpper))
        {
            v.Add(("destination_address.country_code", "must be an ISO 3166-1 alpha-2 code in capitals (e.g. US, NO)"));
        }
    }
}
