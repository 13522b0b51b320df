namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>A field of an object type; <c>Type</c> names a scalar or another object type.</summary>
public sealed record SchemaField(string Name, string Type, bool IsList = false, string? IdArgument = null)
{
    public string Describe() => IsList ? $"[{Type}!]" : Type;
}

public sealed record SchemaType(string Name, IReadOnlyDictionary<string, SchemaField> Fields);

/// <summary>
/// The part of Crystallize's Order API schema the emulator serves: reading one order by id, with
/// the fields an integration asks for (the seed's GET_CREATED_ORDER_DETAILS plus createdAt, meta,
/// streetNumber and a few neighbours). Scalars are ID, String, Int, Float, Boolean and DateTime.
/// </summary>
public static class OrderSchema
{
    public const string QueryType = "Query";
    public const string OrderQueriesType = "OrderQueries";

    private static readonly HashSet<string> Scalars = ["ID", "String", "Int", "Float", "Boolean", "DateTime"];

    private static readonly Dictionary<string, SchemaType> Types = new[]
    {
        Type(QueryType, new("order", OrderQueriesType), new("orders", OrderQueriesType)),
        Type(OrderQueriesType, new SchemaField("get", "Order", IdArgument: "id")),
        Type("Order", new("id", "ID"), new("createdAt", "DateTime"), new("updatedAt", "DateTime"),
            new("customer", "Customer"), new("cart", "OrderItem", IsList: true), new("total", "Price"),
            new("meta", "KeyValuePair", IsList: true), new("additionalInformation", "String")),
        Type("Customer", new("identifier", "String"), new("firstName", "String"), new("middleName", "String"),
            new("lastName", "String"), new("email", "String"), new("companyName", "String"), new("phone", "String"),
            new("birthDate", "DateTime"), new("taxNumber", "String"), new("addresses", "Address", IsList: true),
            new("externalReferences", "KeyValuePair", IsList: true)),
        Type("Address", new("type", "String"), new("firstName", "String"), new("middleName", "String"),
            new("lastName", "String"), new("street", "String"), new("street2", "String"), new("streetNumber", "String"),
            new("postalCode", "String"), new("city", "String"), new("state", "String"), new("country", "String"),
            new("phone", "String"), new("email", "String")),
        Type("OrderItem", new("sku", "String"), new("name", "String"), new("quantity", "Int"), new("imageUrl", "String"),
            new("price", "Price"), new("meta", "KeyValuePair", IsList: true)),
        Type("Price", new("currency", "String"), new("gross", "Float"), new("net", "Float"), new("tax", "Tax")),
        Type("Tax", new("name", "String"), new("percent", "Float")),
        Type("KeyValuePair", new("key", "String"), new("value", "String")),
    }.ToDictionary(type => type.Name, StringComparer.Ordinal);

    public static bool IsScalar(string typeName) => Scalars.Contains(typeName);

    public static bool TryGetType(string name, out SchemaType type) => Types.TryGetValue(name, out type!);

    public static SchemaType GetType(string name) => Types[name];

    private static SchemaType Type(string name, params SchemaField[] fields) =>
        new(name, fields.ToDictionary(field => field.Name, StringComparer.Ordinal));
}
