using GraphQL.Types;

namespace FbaMesh.CrystallizeEmulator.Schema;

// The parts of an order both APIs share, with the fields an integration asks for (the seed's
// GET_CREATED_ORDER_DETAILS, the JS client's order fetcher) and a few neighbours.

internal sealed class CustomerGraphType : ObjectGraphType<object>
{
    public CustomerGraphType()
    {
        Name = "Customer";
        this.Strings("identifier", "firstName", "middleName", "lastName", "email", "companyName", "phone");
        this.DateTime("birthDate");
        this.Strings("taxNumber");
        this.List<AddressGraphType>("addresses");
        this.List<KeyValuePairGraphType>("externalReferences");
    }
}

internal sealed class AddressGraphType : ObjectGraphType<object>
{
    public AddressGraphType()
    {
        Name = "Address";
        this.Strings("type", "firstName", "middleName", "lastName", "street", "street2", "streetNumber", "postalCode", "city",
            "state", "country", "phone", "email");
    }
}

internal sealed class OrderItemGraphType : ObjectGraphType<object>
{
    public OrderItemGraphType()
    {
        Name = "OrderItem";
        this.Strings("sku", "name");
        this.Integer("quantity");
        this.Strings("imageUrl");
        this.Object<PriceGraphType>("price");
        this.List<KeyValuePairGraphType>("meta");
    }
}

internal sealed class PriceGraphType : ObjectGraphType<object>
{
    public PriceGraphType()
    {
        Name = "Price";
        this.Strings("currency");
        this.Floats("gross", "net");
        this.Object<TaxGraphType>("tax");
        this.List<DiscountGraphType>("discounts");
    }
}

internal sealed class TaxGraphType : ObjectGraphType<object>
{
    public TaxGraphType()
    {
        Name = "Tax";
        this.Strings("name");
        this.Floats("percent");
    }
}

internal sealed class DiscountGraphType : ObjectGraphType<object>
{
    public DiscountGraphType()
    {
        Name = "Discount";
        this.Floats("percent");
    }
}

internal sealed class KeyValuePairGraphType : ObjectGraphType<object>
{
    public KeyValuePairGraphType()
    {
        Name = "KeyValuePair";
        this.Strings("key", "value");
    }
}
