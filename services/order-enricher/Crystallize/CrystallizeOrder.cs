namespace FbaMesh.OrderEnricher.Crystallize;

/// <summary>An order as GET_CREATED_ORDER_DETAILS returns it; every field may be missing in real data.</summary>
internal sealed record CrystallizeOrder(
    string Id,
    DateTimeOffset? CreatedAt = null,
    IReadOnlyList<KeyValue>? Meta = null,
    Customer? Customer = null,
    IReadOnlyList<CartLine>? Cart = null);

internal sealed record KeyValue(string? Key, string? Value);

internal sealed record Customer(
    string? FirstName = null,
    string? LastName = null,
    string? Identifier = null,
    string? Email = null,
    string? CompanyName = null,
    string? Phone = null,
    IReadOnlyList<CustomerAddress>? Addresses = null,
    IReadOnlyList<KeyValue>? ExternalReferences = null);

internal sealed record CustomerAddress(
    string? Type = null,
    string? FirstName = null,
    string? LastName = null,
    string? Phone = null,
    string? Street = null,
    string? Street2 = null,
    string? StreetNumber = null,
    string? PostalCode = null,
    string? City = null,
    string? State = null,
    string? Country = null);

internal sealed record CartLine(string? Sku = null, string? Name = null, int? Quantity = null, Price? Price = null);

internal sealed record Price(string? Currency = null, decimal? Gross = null, decimal? Net = null);
