using GraphQL.Types;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary><c>orders(filter:)</c>: every given condition must hold.</summary>
internal sealed class OrderFilter
{
    public CustomerFilter? Customer { get; set; }

    public DateTimeRange? CreatedAt { get; set; }
}

internal sealed class CustomerFilter
{
    public string? Identifier { get; set; }
}

/// <summary>Both ends inclusive; either may be left out.</summary>
internal sealed class DateTimeRange
{
    public string? From { get; set; }

    public string? To { get; set; }
}

/// <summary>The parts of <c>updateOrder</c>'s input the emulator serves.</summary>
internal sealed class UpdateOrderInput
{
    public List<KeyValuePairInput>? Meta { get; set; }

    public string? AdditionalInformation { get; set; }
}

internal sealed class KeyValuePairInput
{
    public string Key { get; set; } = string.Empty;

    public string? Value { get; set; }
}

internal sealed class OrderFilterInputGraphType : InputObjectGraphType<OrderFilter>
{
    public OrderFilterInputGraphType()
    {
        Name = "OrderFilterInput";
        Field<OrderCustomerFilterInputGraphType>("customer");
        Field<DateTimeRangeInputGraphType>("createdAt");
    }
}

internal sealed class OrderCustomerFilterInputGraphType : InputObjectGraphType<CustomerFilter>
{
    public OrderCustomerFilterInputGraphType()
    {
        Name = "OrderCustomerFilterInput";
        Field<StringGraphType>("identifier");
    }
}

internal sealed class DateTimeRangeInputGraphType : InputObjectGraphType<DateTimeRange>
{
    public DateTimeRangeInputGraphType()
    {
        Name = "DateTimeRangeInput";
        Field<DateTimeTextGraphType>("from");
        Field<DateTimeTextGraphType>("to");
    }
}

internal sealed class UpdateOrderInputGraphType : InputObjectGraphType<UpdateOrderInput>
{
    public UpdateOrderInputGraphType()
    {
        Name = "UpdateOrderInput";
        Field<ListGraphType<NonNullGraphType<KeyValuePairInputGraphType>>>("meta")
            .Description("Sets these keys; the order's other meta keys are kept.");
        Field<StringGraphType>("additionalInformation");
    }
}

internal sealed class KeyValuePairInputGraphType : InputObjectGraphType<KeyValuePairInput>
{
    public KeyValuePairInputGraphType()
    {
        Name = "KeyValuePairInput";
        Field<NonNullGraphType<StringGraphType>>("key");
        Field<StringGraphType>("value");
    }
}
