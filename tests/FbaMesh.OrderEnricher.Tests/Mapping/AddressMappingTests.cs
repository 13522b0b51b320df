using FbaMesh.OrderEnricher.Crystallize;
using FbaMesh.OrderEnricher.Mapping;
using FbaMesh.OrderEnricher.Orders;

namespace FbaMesh.OrderEnricher.Tests.Mapping;

/// <summary>The destinationAddress rows of DESIGN §6.1.</summary>
public sealed class AddressMappingTests
{
    private static readonly CustomerAddress Billing = OrderSamples.Delivery with
    {
        Type = "billing", FirstName = "Billy", Street = "Fakturaveien", StreetNumber = "1", PostalCode = "0001",
    };

    [Fact]
    public void Every_field_comes_from_the_delivery_address()
    {
        var address = MappingAssert.Mapped(OrderSamples.Order).DestinationAddress;

        Assert.Equal("Kari Nordmann", address.Name);
        Assert.Equal("Storgata 12", address.AddressLine1);
        Assert.Equal("Leilighet 3", address.AddressLine2);
        Assert.Equal("Oslo", address.City);
        Assert.Equal("Oslo", address.StateOrRegion);
        Assert.Equal("0155", address.PostalCode);
        Assert.Equal("NO", address.CountryCode);
        Assert.Equal("+47 22 00 00 00", address.Phone);
    }

    [Fact]
    public void Delivery_wins_over_billing_whatever_the_order()
    {
        var order = OrderSamples.Order with { Customer = OrderSamples.Customer with { Addresses = [Billing, OrderSamples.Delivery] } };

        Assert.Equal("Storgata 12", MappingAssert.Mapped(order).DestinationAddress.AddressLine1);
    }

    [Fact]
    public void The_first_delivery_address_is_taken()
    {
        var second = OrderSamples.Delivery with { Street = "Andregata" };
        var order = OrderSamples.Order with { Customer = OrderSamples.Customer with { Addresses = [OrderSamples.Delivery, second] } };

        Assert.Equal("Storgata 12", MappingAssert.Mapped(order).DestinationAddress.AddressLine1);
    }

    [Fact]
    public void Billing_is_used_without_a_delivery_address()
    {
        var other = OrderSamples.Delivery with { Type = "other" };
        var order = OrderSamples.Order with { Customer = OrderSamples.Customer with { Addresses = [other, Billing] } };

        Assert.Equal("Fakturaveien 1", MappingAssert.Mapped(order).DestinationAddress.AddressLine1);
    }

    [Fact]
    public void Address_type_is_matched_in_any_case() =>
        Assert.Equal("Storgata 12", MappingAssert.Mapped(OrderSamples.WithAddress(OrderSamples.Delivery with { Type = " Delivery " })).DestinationAddress.AddressLine1);

    [Fact]
    public void No_delivery_or_billing_address_is_a_failure()
    {
        MappingAssert.Rejected(OrderSamples.WithAddress(OrderSamples.Delivery with { Type = "other" }), ReasonCodes.NoShippingAddress);
        MappingAssert.Rejected(OrderSamples.Order with { Customer = OrderSamples.Customer with { Addresses = null } }, ReasonCodes.NoShippingAddress);
        MappingAssert.Rejected(OrderSamples.Order with { Customer = null }, ReasonCodes.NoShippingAddress);
    }

    [Fact]
    public void Name_falls_back_to_the_customer_then_the_company()
    {
        var noName = OrderSamples.Delivery with { FirstName = " ", LastName = null };
        Assert.Equal("Ola Nordmann", MappingAssert.Mapped(OrderSamples.WithAddress(noName)).DestinationAddress.Name);

        var noCustomerName = OrderSamples.Order with
        {
            Customer = OrderSamples.Customer with { FirstName = null, LastName = "", Addresses = [noName] },
        };
        Assert.Equal("Nordmann AS", MappingAssert.Mapped(noCustomerName).DestinationAddress.Name);

        var nothing = noCustomerName with { Customer = noCustomerName.Customer! with { CompanyName = "  " } };
        MappingAssert.Rejected(nothing, ReasonCodes.NoRecipientName);
    }

    [Fact]
    public void A_single_name_part_is_enough() =>
        Assert.Equal("Kari", MappingAssert.Mapped(OrderSamples.WithAddress(OrderSamples.Delivery with { LastName = null })).DestinationAddress.Name);

    [Theory]
    [InlineData("US", "1234", "Amazon Way", "1234 Amazon Way")]
    [InlineData("CA", "1", "Main St", "1 Main St")]
    [InlineData("GB", "10", "Downing Street", "10 Downing Street")]
    [InlineData("IE", "5", "O'Connell Street", "5 O'Connell Street")]
    [InlineData("AU", "2", "George St", "2 George St")]
    [InlineData("NZ", "3", "Queen St", "3 Queen St")]
    [InlineData("FR", "55", "Rue du Faubourg Saint-Honoré", "55 Rue du Faubourg Saint-Honoré")]
    [InlineData("NO", "12", "Storgata", "Storgata 12")]
    [InlineData("DE", "7a", "Hauptstraße", "Hauptstraße 7a")]
    [InlineData("NL", "1", "Dam", "Dam 1")]
    public void House_number_goes_where_the_country_writes_it(string country, string number, string street, string expected)
    {
        var order = OrderSamples.WithAddress(OrderSamples.Delivery with { Country = country, Street = street, StreetNumber = number });

        Assert.Equal(expected, MappingAssert.Mapped(order).DestinationAddress.AddressLine1);
    }

    [Theory]
    [InlineData("US", "1234 Amazon Way", "1234", "1234 Amazon Way")]
    [InlineData("NO", "Storgata 12", "12", "Storgata 12")]
    [InlineData("NO", "Storgata 12B", "12b", "Storgata 12B")]
    [InlineData("NO", "Storgata 12, oppgang B", "12", "Storgata 12, oppgang B")]
    [InlineData("US", "1234 Amazon Way Suite 5", "Suite 5", "1234 Amazon Way Suite 5")]
    [InlineData("NO", "Route 66", "6", "Route 66 6")]
    [InlineData("NO", "Storgata", "  ", "Storgata")]
    [InlineData("NO", "Storgata", null, "Storgata")]
    public void House_number_is_not_added_twice(string country, string street, string? number, string expected)
    {
        var order = OrderSamples.WithAddress(OrderSamples.Delivery with { Country = country, Street = street, StreetNumber = number });

        Assert.Equal(expected, MappingAssert.Mapped(order).DestinationAddress.AddressLine1);
    }

    [Theory]
    [InlineData(null, "12")]
    [InlineData("   ", null)]
    public void No_street_is_a_failure(string? street, string? number) =>
        MappingAssert.Rejected(OrderSamples.WithAddress(OrderSamples.Delivery with { Street = street, StreetNumber = number }), ReasonCodes.NoStreet);

    [Fact]
    public void No_postal_code_is_a_failure() =>
        MappingAssert.Rejected(OrderSamples.WithAddress(OrderSamples.Delivery with { PostalCode = " " }), ReasonCodes.NoPostalCode);

    [Theory]
    [InlineData("no", "NO")]
    [InlineData("NO", "NO")]
    [InlineData("Norway", "NO")]
    [InlineData(" norway ", "NO")]
    [InlineData("NOR", "NO")]
    [InlineData("USA", "US")]
    [InlineData("United States", "US")]
    [InlineData("UK", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Deutschland", null)]
    [InlineData("Atlantis", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("XX", null)]
    [InlineData("EU", null)]
    public void Country_code_or_english_name_becomes_alpha_2(string? country, string? expected)
    {
        var order = OrderSamples.WithAddress(OrderSamples.Delivery with { Country = country });

        if (expected is null)
        {
            MappingAssert.Rejected(order, ReasonCodes.InvalidCountry);
        }
        else
        {
            Assert.Equal(expected, MappingAssert.Mapped(order).DestinationAddress.CountryCode);
        }
    }

    [Fact]
    public void Phone_falls_back_to_the_customer_s()
    {
        Assert.Equal("+47 99 99 99 99", MappingAssert.Mapped(OrderSamples.WithAddress(OrderSamples.Delivery with { Phone = " " })).DestinationAddress.Phone);

        var none = OrderSamples.Order with { Customer = OrderSamples.Customer with { Phone = null, Addresses = [OrderSamples.Delivery with { Phone = null }] } };
        Assert.Equal("", MappingAssert.Mapped(none).DestinationAddress.Phone);
    }

    [Fact]
    public void All_text_is_trimmed_and_white_space_collapses()
    {
        var messy = new CustomerAddress(
            "delivery", "  Kari\t\t", " Nord   Mann ", "+47  22\u00a000", "  Stor   gata ", " Leilighet\n\n3 ", " 12 ",
            " 01  55 ", "  Oslo   by ", "\tViken\t", "  NO ");

        var address = MappingAssert.Mapped(OrderSamples.WithAddress(messy)).DestinationAddress;

        Assert.Equal("Kari Nord Mann", address.Name);
        Assert.Equal("Stor gata 12", address.AddressLine1);
        Assert.Equal("Leilighet 3", address.AddressLine2);
        Assert.Equal("Oslo by", address.City);
        Assert.Equal("Viken", address.StateOrRegion);
        Assert.Equal("01 55", address.PostalCode);
        Assert.Equal("+47 22 00", address.Phone);
    }

    [Fact]
    public void Unicode_text_passes_through_unchanged()
    {
        var address = MappingAssert.Mapped(OrderSamples.WithAddress(OrderSamples.Delivery with
        {
            FirstName = "Åse", LastName = "Ødegård-Müller", Street = "Ærlighetsveien", City = "Tromsø", Country = "Norway",
        })).DestinationAddress;

        Assert.Equal("Åse Ødegård-Müller", address.Name);
        Assert.Equal("Ærlighetsveien 12", address.AddressLine1);
        Assert.Equal("Tromsø", address.City);
    }

    [Fact]
    public void Unicode_country_names_match_without_their_accents()
    {
        var order = OrderSamples.WithAddress(OrderSamples.Delivery with { Country = "Côte d’Ivoire" });

        Assert.Equal("CI", MappingAssert.Mapped(order).DestinationAddress.CountryCode);
    }
}
