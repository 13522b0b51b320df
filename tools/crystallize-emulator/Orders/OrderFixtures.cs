using System.Text.Json;
using System.Text.Json.Nodes;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// Loads every <c>*.json</c> of a folder as one order (as <c>order.get</c> returns it). A broken
/// fixture stops the start with the file's name: silently serving fewer orders would mislead.
/// </summary>
public static class OrderFixtures
{
    /// <summary>Files of the sample folder that describe the orders rather than being orders.</summary>
    public static readonly IReadOnlySet<string> NotOrders = new HashSet<string>(StringComparer.Ordinal) { "expected.json", "mapping-options.json" };

    public static int LoadInto(OrderStore store, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The fixtures folder \"{folder}\" does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files.Where(f => !NotOrders.Contains(Path.GetFileName(f))))
        {
            var (id, order) = Read(file);
            store.Put(id, order);
        }

        return store.Count;
    }

    public static (string Id, JsonObject Order) Read(string file)
    {
        try
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject order)
            {
                throw new InvalidDataException($"Fixture {file} is not a JSON object.");
            }

            var id = order["id"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            if (!OrderId.IsValid(id))
            {
                throw new InvalidDataException($"Fixture {file} has no valid \"id\" (24 lowercase hexadecimal characters).");
            }

            return (id!, order);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Fixture {file} is not valid JSON: {e.Message}", e);
        }
    }
}
