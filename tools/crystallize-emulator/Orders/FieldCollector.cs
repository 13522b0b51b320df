using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>
/// GraphQL's CollectFields: flattens fragments that apply to a type and groups fields by response
/// key, so <c>customer { email } customer { phone }</c> answers as one merged <c>customer</c>.
/// </summary>
public static class FieldCollector
{
    public static OrderedDictionary<string, List<GraphQlField>> Collect(
        string typeName,
        IEnumerable<IReadOnlyList<GraphQlSelection>> selectionSets,
        IReadOnlyDictionary<string, GraphQlFragment> fragments,
        ICollection<GraphQlError>? errors = null)
    {
        var result = new OrderedDictionary<string, List<GraphQlField>>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selections in selectionSets)
        {
            CollectInto(result, typeName, selections, fragments, visited, errors);
        }

        return result;
    }

    private static void CollectInto(
        OrderedDictionary<string, List<GraphQlField>> result,
        string typeName,
        IReadOnlyList<GraphQlSelection> selections,
        IReadOnlyDictionary<string, GraphQlFragment> fragments,
        HashSet<string> visited,
        ICollection<GraphQlError>? errors)
    {
        foreach (var selection in selections)
        {
            switch (selection)
            {
                case GraphQlField field:
                    if (!result.TryGetValue(field.ResponseKey, out var group))
                    {
                        result.Add(field.ResponseKey, group = []);
                    }

                    group.Add(field);
                    break;
                case GraphQlFragmentSpread spread when visited.Add(spread.Name):
                    if (!fragments.TryGetValue(spread.Name, out var fragment))
                    {
                        errors?.Add(new($"Unknown fragment \"{spread.Name}\".", GraphQlError.ValidationFailed, spread.Location));
                    }
                    else if (Applies(fragment.TypeCondition, typeName, $"Fragment \"{spread.Name}\"", spread.Location, errors))
                    {
                        CollectInto(result, typeName, fragment.SelectionSet, fragments, visited, errors);
                    }

                    break;
                case GraphQlInlineFragment inline:
                    if (inline.TypeCondition is null || Applies(inline.TypeCondition, typeName, "Fragment", inline.Location, errors))
                    {
                        CollectInto(result, typeName, inline.SelectionSet, fragments, visited, errors);
                    }

                    break;
            }
        }
    }

    // The schema has no interfaces or unions, so a fragment applies only to its own type.
    private static bool Applies(string condition, string typeName, string what, GraphQlLocation location, ICollection<GraphQlError>? errors)
    {
        if (condition == typeName)
        {
            return true;
        }

        errors?.Add(OrderSchema.TryGetType(condition, out _)
            ? new($"{what} cannot be spread here as objects of type \"{typeName}\" can never be of type \"{condition}\".", GraphQlError.ValidationFailed, location)
            : new($"Unknown type \"{condition}\".", GraphQlError.ValidationFailed, location));
        return false;
    }
}
