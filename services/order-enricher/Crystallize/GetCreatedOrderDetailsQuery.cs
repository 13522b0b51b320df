namespace FbaMesh.OrderEnricher.Crystallize;

/// <summary>The query text, kept as a .graphql file (embedded) so it reads and diffs as GraphQL.</summary>
internal static class GetCreatedOrderDetailsQuery
{
    public const string OperationName = "GET_CREATED_ORDER_DETAILS";

    public static string Text { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(GetCreatedOrderDetailsQuery).Assembly.GetManifestResourceStream("GetCreatedOrderDetails.graphql")
            ?? throw new InvalidOperationException("The embedded GetCreatedOrderDetails.graphql is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
