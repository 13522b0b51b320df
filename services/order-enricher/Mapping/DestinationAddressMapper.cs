using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Orders;

namespace FbaMesh.OrderEnricher.Mapping;

/// <summary>The destinationAddress rows of DESIGN §6.1.</summary>
internal static class DestinationAddressMapper
{
    public static (Address? Address, MappingOutcome.Rejected? Failure) Map(CrystallizeOrder order)
    {
        var customer = order.Customer;
        var source = FirstOfType(customer, "delivery") ?? FirstOfType(customer, "billing");
        if (source is null)
        {
            return Fail(ReasonCodes.NoShippingAddress, "The order has no delivery or billing address.");
        }

        var countryCode = CountryCodes.Resolve(source.Country);
        if (countryCode is null)
        {
            // The value is part of the customer's address: it is not repeated in the reason.
            return Fail(ReasonCodes.InvalidCountry, "The address country is neither an ISO 3166-1 alpha-2 code nor a known English country name.");
        }

        var name = RecipientName(source, customer);
        if (name.Length == 0)
        {
            return Fail(ReasonCodes.NoRecipientName, "Neither the address nor the customer has a name or company name.");
        }

        var line1 = StreetLine.Compose(source.Street, source.StreetNumber, countryCode);
        if (line1.Length == 0)
        {
            return Fail(ReasonCodes.NoStreet, "The address has no street.");
        }

        var postalCode = CleanText.Of(source.PostalCode);
        if (postalCode.Length == 0)
        {
            return Fail(ReasonCodes.NoPostalCode, "The address has no postal code.");
        }

        var address = new Address
        {
            Name = name,
            AddressLine1 = line1,
            AddressLine2 = CleanText.Of(source.Street2),
            City = CleanText.Of(source.City),
            StateOrRegion = CleanText.Of(source.State),
            PostalCode = postalCode,
            CountryCode = countryCode,
            Phone = FirstNotBlank(source.Phone, customer?.Phone),
        };
        return (address, null);
    }

    private static CustomerAddress? FirstOfType(Customer? customer, string type) =>
        customer?.Addresses?.FirstOrDefault(a => a is not null && string.Equals(CleanText.Of(a.Type), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Address first + last name; else the customer's; else the company's.</summary>
    private static string RecipientName(CustomerAddress address, Customer? customer)
    {
        var fromAddress = CleanText.Join(address.FirstName, address.LastName);
        if (fromAddress.Length > 0)
        {
            return fromAddress;
        }

        var fromCustomer = CleanText.Join(customer?.FirstName, customer?.LastName);
        return fromCustomer.Length > 0 ? fromCustomer : CleanText.Of(customer?.CompanyName);
    }

    private static string FirstNotBlank(params string?[] values) =>
        values.Select(CleanText.Of).FirstOrDefault(v => v.Length > 0) ?? "";

    private static (Address?, MappingOutcome.Rejected?) Fail(string code, string message) =>
        (null, new MappingOutcome.Rejected(code, message));
}
