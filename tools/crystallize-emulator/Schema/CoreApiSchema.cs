using FbaMesh.CrystallizeEmulator.Orders;
using GraphQL;
using GraphQL.Types;

namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>
/// Crystallize's Core API (<c>https://api.crystallize.com/@{tenant}</c>) as far as FbaMesh and
/// Crystallize's JS client 7.4.0 use it for orders: <c>order(id)</c>, the <c>orders</c> connection its
/// order fetcher pages, and the <c>updateOrder</c> / <c>updateOrderPipelineStage</c> mutations its order
/// manager sends. Results are unions with <c>BasicError</c>, because the client selects
/// <c>... on BasicError { errorName message }</c>; the emulator itself reports problems as GraphQL errors.
/// </summary>
internal sealed class CoreApiSchema : GraphQL.Types.Schema
{
    public CoreApiSchema()
    {
        Query = new CoreQuery();
        Mutation = new CoreMutation();
        RegisterType(new StoredFloatGraphType());
    }

    public static CoreApiSchema Instance { get; } = new();
}

internal sealed class CoreQuery : ObjectGraphType<object>
{
    public CoreQuery()
    {
        Name = "Query";
        Field<OrderResultGraphType>("order")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(context => CoreOrders.Find(context, JsonSource.Invariant(context.GetArgument<object>("id"))));
        Field<OrderConnectionResultGraphType>("orders")
            .Argument<IntGraphType>("first", "Orders per page, 1 to 100 (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.")
            .Argument<OrderFilterInputGraphType>("filter")
            .Resolve(context => OrderPage.Read(
                ApiContext.Of(context).Store,
                context.GetArgument<int?>("first"),
                context.GetArgument<string?>("after"),
                context.GetArgument<OrderFilter?>("filter")));
    }
}

internal sealed class CoreMutation : ObjectGraphType<object>
{
    public CoreMutation()
    {
        Name = "Mutation";
        Field<OrderResultGraphType>("updateOrder")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<UpdateOrderInputGraphType>>("input")
            .Resolve(context => OrderWrites.Update(
                context, JsonSource.Invariant(context.GetArgument<object>("id")), context.GetArgument<UpdateOrderInput>("input")));
        Field<OrderResultGraphType>("updateOrderPipelineStage")
            .Argument<NonNullGraphType<IdGraphType>>("orderId")
            .Argument<NonNullGraphType<IdGraphType>>("pipelineId")
            .Argument<NonNullGraphType<IdGraphType>>("stageId")
            .Resolve(context => OrderWrites.MoveToStage(
                context,
                JsonSource.Invariant(context.GetArgument<object>("orderId")),
                JsonSource.Invariant(context.GetArgument<object>("pipelineId")),
                JsonSource.Invariant(context.GetArgument<object>("stageId"))));
    }
}

/// <summary>Looks an order up for the Core API (no readability: that models the Order API's lag).</summary>
internal static class CoreOrders
{
    public static OrderSnapshot Find(IResolveFieldContext context, string id) =>
        ApiContext.Of(context).Store.Find(id) ?? throw NotFound(id);

    public static ExecutionError NotFound(string id) =>
        new($"Order with id \"{id}\" was not found.") { Code = ApiErrorCodes.NotFound };

    public static ExecutionError BadInput(string message) => new(message) { Code = ApiErrorCodes.BadUserInput };
}

/// <summary>An order as the Core API answers it: <c>createdAt</c> is always set (the time it was stored when the order had none).</summary>
internal sealed class CoreOrderGraphType : ObjectGraphType<object>
{
    public CoreOrderGraphType()
    {
        Name = "Order";
        IsTypeOf = value => value is OrderSnapshot;
        this.Id("id");
        this.Strings("reference");
        Field<NonNullGraphType<DateTimeTextGraphType>>("createdAt")
            .Resolve(context => JsonSource.Text(context.Source, "createdAt") ?? (object)((OrderSnapshot)context.Source!).CreatedAt);
        this.DateTime("updatedAt");
        this.Object<CustomerGraphType>("customer");
        this.List<OrderItemGraphType>("cart");
        this.Object<PriceGraphType>("total");
        this.List<KeyValuePairGraphType>("meta");
        this.Strings("additionalInformation");
        this.List<OrderPipelineGraphType>("pipelines");
    }
}

/// <summary>Crystallize's error member of result unions.</summary>
internal sealed class BasicErrorGraphType : ObjectGraphType<BasicError>
{
    public BasicErrorGraphType()
    {
        Name = "BasicError";
        IsTypeOf = value => value is BasicError;
        Field<NonNullGraphType<StringGraphType>>("errorName").Resolve(context => context.Source.ErrorName);
        Field<StringGraphType>("message").Resolve(context => context.Source.Message);
    }
}

internal sealed record BasicError(string ErrorName, string? Message);

internal sealed class OrderResultGraphType : UnionGraphType
{
    public OrderResultGraphType()
    {
        Name = "OrderResult";
        Type<CoreOrderGraphType>();
        Type<BasicErrorGraphType>();
    }
}

internal sealed class OrderConnectionResultGraphType : UnionGraphType
{
    public OrderConnectionResultGraphType()
    {
        Name = "OrderConnectionResult";
        Type<OrderConnectionGraphType>();
        Type<BasicErrorGraphType>();
    }
}
