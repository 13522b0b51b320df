using System.Globalization;
using System.Text.Json;
using FbaMesh.CrystallizeEmulator.Orders;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>
/// Reads resolver sources, which are stored order JSON: a field the order lacks answers null, as
/// Crystallize does for an unset field, and a value is answered as stored, never reformatted.
/// </summary>
internal static class JsonSource
{
    public static JsonElement? Property(object? source, string name)
    {
        var json = source switch
        {
            OrderSnapshot order => order.Json,
            JsonElement element => element,
            _ => (JsonElement?)null,
        };
        return json is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var property)
            && property.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? property
            : null;
    }

    /// <summary>A String or ID: a number or boolean stored where text belongs answers as its JSON text.</summary>
    public static string? Text(object? source, string name) => Property(source, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } value => value.GetRawText(),
        _ => null,
    };

    public static int? Integer(object? source, string name) =>
        Property(source, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    /// <summary>A Float stays the stored JSON number, so <c>199.0</c> is answered as <c>199.0</c>.</summary>
    public static JsonElement? Number(object? source, string name) =>
        Property(source, name) is { ValueKind: JsonValueKind.Number } value ? value : null;

    public static JsonElement? Object(object? source, string name) =>
        Property(source, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>A list field; a single stored object counts as a list of one.</summary>
    public static IEnumerable<JsonElement>? List(object? source, string name) => Property(source, name) switch
    {
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object)],
        { ValueKind: JsonValueKind.Object } single => [single],
        _ => null,
    };

    public static string Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
