using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// Checks a parsed document against <see cref="OrderSchema"/> before anything runs, as a GraphQL
/// server does: unknown fields and arguments, missing or stray sub-selections, fragments and
/// variables. Every problem is reported, not only the first.
/// </summary>
public static class OrderQueryValidator
{
    public static IReadOnlyList<GraphQlError> Validate(GraphQlDocument document)
    {
        var errors = new List<GraphQlError>();
        ValidateOperations(document, errors);
        var usedFragments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Operations)
        {
            new OperationWalk(document, operation, errors, usedFragments).Run();
        }

        foreach (var fragment in document.Fragments.Values.Where(f => !usedFragments.Contains(f.Name)))
        {
            errors.Add(Fail($"Fragment \"{fragment.Name}\" is never used.", fragment.Location));
        }

        errors.AddRange(FragmentCycles.Find(document));
        return errors.DistinctBy(error => (error.Message, error.Location)).ToList();
    }

    internal static GraphQlError Fail(string message, GraphQlLocation location) =>
        new(message, GraphQlError.ValidationFailed, location);

    private static void ValidateOperations(GraphQlDocument document, List<GraphQlError> errors)
    {
        foreach (var operation in document.Operations)
        {
            if (operation.Kind != "query")
            {
                errors.Add(Fail($"The Crystallize emulator's order API answers queries only, not a {operation.Kind}.", operation.Location));
            }

            if (operation.Name is null && document.Operations.Count > 1)
            {
                errors.Add(Fail("This anonymous operation must be the only defined operation.", operation.Location));
            }
        }

        foreach (var duplicate in document.Operations.Where(o => o.Name is not null).GroupBy(o => o.Name).Where(g => g.Count() > 1))
        {
            errors.Add(Fail($"There can be only one operation named \"{duplicate.Key}\".", duplicate.Last().Location));
        }
    }
}
