using GraphQL;
using GraphQL.Types;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>
/// Crystallize's Order API as far as FbaMesh reads it: <c>order { get(id: ID!) { … } }</c> (also
/// <c>orders { get }</c>, as Crystallize's own docs write it). An unknown or not yet readable order
/// answers null with a <c>NOT_FOUND</c> error at its path, which the enricher keys on.
/// </summary>
internal sealed class OrderApiSchema : GraphQL.Types.Schema
{
    public OrderApiSchema()
    {
        Query = new OrderApiQuery();
        RegisterType(new StoredFloatGraphType());
    }

    public static OrderApiSchema Instance { get; } = new();
}

internal sealed class OrderApiQuery : ObjectGraphType<object>
{
    // The OrderQueries object has no state of its own; any non-null value lets its fields resolve.
    private static readonly object Queries = new();

    public OrderApiQuery()
    {
        Name = "Query";
        Field<OrderQueriesGraphType>("order").Resolve(_ => Queries);
        Field<OrderQueriesGraphType>("orders").Resolve(_ => Queries);
    }
}

internal sealed class OrderQueriesGraphType : ObjectGraphType<object>
{
    public OrderQueriesGraphType()
    {
        Name = "OrderQueries";
        Field<OrderGraphType>("get")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context =>
            {
                var id = JsonSource.Invariant(context.GetArgument<object>("id"));
                return ApiContext.Of(context).ReadOrder(id)
                    ?? throw new ExecutionError($"Order with id \"{id}\" was not found.") { Code = ApiErrorCodes.NotFound };
            });
    }
}

/// <summary>An order as the Order API answers it: every field exactly as stored, null when unset.</summary>
internal sealed class OrderGraphType : ObjectGraphType<object>
{
    public OrderGraphType()
    {
        Name = "Order";
        this.Id("id");
        this.DateTime("createdAt");
        this.DateTime("updatedAt");
        this.Object<CustomerGraphType>("customer");
        this.List<OrderItemGraphType>("cart");
        this.Object<PriceGraphType>("total");
        this.List<KeyValuePairGraphType>("meta");
        this.Strings("additionalInformation");
        this.List<OrderPipelineGraphType>("pipelines");
    }
}

/// <summary>Where an order stands in one pipeline.</summary>
internal sealed class OrderPipelineGraphType : ObjectGraphType<object>
{
    public OrderPipelineGraphType()
    {
        Name = "OrderPipeline";
        this.Id("pipelineId");
        this.Id("stageId");
    }
}
