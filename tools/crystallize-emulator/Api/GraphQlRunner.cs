using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using FbaMesh.CrystallizeEmulator.Schema;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>Runs one GraphQL request on GraphQL.NET and writes the answer as Crystallize does (compact, non-ASCII as is).</summary>
internal static class GraphQlRunner
{
    /// <summary>The documents already parsed and validated, shared by every request and webhook of the process.</summary>
    public static ValidatedDocuments Documents { get; } = new();

    private static readonly DocumentExecuter Executer = new(
        new GraphQLDocumentBuilder(), new DocumentValidator(), new DefaultExecutionStrategySelector(), [Documents]);

    public static GraphQLSerializer Serializer { get; } = new(
        options => options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, new ErrorShape());

    public static Task<ExecutionResult> RunAsync(
        ISchema schema, string query, string? operationName, JsonObject? variables, ApiContext context, CancellationToken ct) =>
        Executer.ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Query = query;
            options.OperationName = operationName;
            options.Variables = variables is null ? Inputs.Empty : Serializer.Deserialize<Inputs>(variables.ToJsonString());
            options.UserContext = context;
            options.CancellationToken = ct;
            options.ThrowOnUnhandledException = false;
        });

    /// <summary>The <c>data</c> of a query run with full access, as a webhook with that query attached would carry it.</summary>
    public static JsonNode? DataOf(ISchema schema, string query, JsonObject variables, ApiContext context)
    {
        // The resolvers are synchronous over in-memory JSON, so this completes without blocking on I/O.
        var result = RunAsync(schema, query, null, variables, context, CancellationToken.None).GetAwaiter().GetResult();
        if (result.Errors is { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"The webhook query failed: {string.Join("; ", errors.Select(e => e.Message))}");
        }

        return JsonNode.Parse(Serializer.Serialize(result))!["data"]?.DeepClone();
    }
}
