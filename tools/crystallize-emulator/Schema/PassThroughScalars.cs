using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>
/// GraphQL's Float, answering a stored JSON number exactly as stored (<c>199.0</c> stays
/// <c>199.0</c>), as the emulator always has; inputs are parsed as the built-in Float parses them.
/// </summary>
internal sealed class StoredFloatGraphType : ScalarGraphType
{
    private readonly FloatGraphType floatType = new();

    public StoredFloatGraphType()
    {
        Name = "Float";
        Description = floatType.Description;
    }

    public override object? ParseLiteral(GraphQLValue value) => floatType.ParseLiteral(value);

    public override bool CanParseLiteral(GraphQLValue value) => floatType.CanParseLiteral(value);

    public override object? ParseValue(object? value) => floatType.ParseValue(value);

    public override bool CanParseValue(object? value) => floatType.CanParseValue(value);

    public override object? Serialize(object? value) =>
        value is JsonElement { ValueKind: JsonValueKind.Number } stored ? stored : floatType.Serialize(value);
}

/// <summary>
/// Crystallize's DateTime: an ISO 8601 string, answered as stored. Inputs must parse as a date and
/// time; they stay strings so the resolver decides how to compare them.
/// </summary>
internal sealed class DateTimeTextGraphType : ScalarGraphType
{
    public DateTimeTextGraphType()
    {
        Name = "DateTime";
        Description = "An ISO 8601 date and time, e.g. 2026-11-02T09:15:22.000Z.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => ParseValue(text.Value.ToString()),
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text when Orders.OrderStore.ParseTime(text) is not null => text,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };
}
