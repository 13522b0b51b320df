using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQLParser.AST;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>
/// Parsed GraphQL documents that already passed validation, by schema, query text and operation name.
/// Clients send the same few query texts over and over with different variables (the enricher's order
/// read, every webhook's attached query), and parsing plus validating each was most of the emulator's
/// GraphQL time. A document is kept only once GraphQL.NET executed it, i.e. after the full validation
/// passed; for a kept document GraphQL.NET runs its cached-document rules (none by default) and still
/// coerces the variables of each request, so a wrong variable is refused as before. A query that fails
/// to parse or validate is never kept and is checked again on every request.
/// </summary>
internal sealed class ValidatedDocuments : IConfigureExecution
{
    /// <summary>Query texts are few and fixed; past this many new ones are simply not kept.</summary>
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<(ISchema Schema, string Query, string? OperationName), GraphQLDocument> documents = new();

    /// <summary>Where GraphQL.NET's own memory cache sits in the pipeline: before anything else reads the document.</summary>
    public float SortOrder => 200;

    public int Count => documents.Count;

    /// <summary>Whether a document of this query text is kept, under any schema or operation name.</summary>
    public bool Contains(string query) => documents.Keys.Any(k => k.Query == query);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Schema is null || string.IsNullOrEmpty(options.Query))
        {
            return await next(options);
        }

        var key = (options.Schema, options.Query, options.OperationName);
        if (documents.TryGetValue(key, out var known))
        {
            options.Document = known;
            return await next(options);
        }

        var result = await next(options);
        // Executed: parsing and every validation rule passed (errors during execution, e.g. an unknown id, do not matter).
        if (result.Executed && result.Document is { } parsed && documents.Count < Capacity)
        {
            documents.TryAdd(key, parsed);
        }

        return result;
    }
}
