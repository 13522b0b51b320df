using FbaMesh.OrderEnricher.Crystallize;

namespace FbaMesh.OrderEnricher.Tests;

/// <summary>A complete, valid Crystallize order that each test bends in one place.</summary>
internal static class OrderSamples
{
    public const string Id = "65a1b2c3d4e5f60718293a4b";

    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 27, 10, 15, 30, TimeSpan.FromHours(1));

    public static CustomerAddress Delivery { get; } = new(
        Type: "delivery",
        FirstName: "Kari",
        LastName: "Nordmann",
        Phone: "+47 22 00 00 00",
        Street: "Storgata",
        Street2: "Leilighet 3",
        StreetNumber: "12",
        PostalCode: "0155",
        City: "Oslo",
        State: "Oslo",
        Country: "NO");

    public static Customer Customer { get; } = new(
        FirstName: "Ola",
        LastName: "Nordmann",
        Identifier: "ola@example.com",
        Email: "ola@example.com",
        CompanyName: "Nordmann AS",
        Phone: "+47 99 99 99 99",
        Addresses: [Delivery]);

    public static CrystallizeOrder Order { get; } = new(
        Id,
        CreatedAt,
        Meta: [],
        Customer,
        Cart: [new CartLine("SKU-1", "Crystal", 2, new Price("NOK", 100m, 80m))]);

    public static CrystallizeOrder WithAddress(CustomerAddress address) =>
        Order with { Customer = Customer with { Addresses = [address] } };

    public static CrystallizeOrder WithCart(params CartLine[] cart) => Order with { Cart = cart };

    public static CrystallizeOrder WithMeta(string key, string value) => Order with { Meta = [new KeyValue(key, value)] };
}
