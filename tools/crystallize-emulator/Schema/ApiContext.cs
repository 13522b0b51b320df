using System.Text.Json;
using FbaMesh.CrystallizeEmulator.Orders;
using GraphQL;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>What a request's resolvers may touch: the store, and how the Order API reads from it.</summary>
internal sealed class ApiContext(OrderStore store, Func<string, JsonElement?> readOrder) : Dictionary<string, object?>
{
    public OrderStore Store { get; } = store;

    /// <summary>An Order API read: counts toward readability for API calls, ignores it for webhook bodies.</summary>
    public Func<string, JsonElement?> ReadOrder { get; } = readOrder;

    public static ApiContext Of(IResolveFieldContext context) => (ApiContext)context.UserContext;
}
