using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>Finds fragments that spread themselves, directly or through others (never allowed).</summary>
internal static class FragmentCycles
{
    public static IEnumerable<GraphQlError> Find(GraphQlDocument document)
    {
        foreach (var fragment in document.Fragments.Values)
        {
            if (Reaches(document, fragment.SelectionSet, fragment.Name, new HashSet<string>(StringComparer.Ordinal)))
            {
                yield return OrderQueryValidator.Fail($"Cannot spread fragment \"{fragment.Name}\" within itself.", fragment.Location);
            }
        }
    }

    private static bool Reaches(GraphQlDocument document, IReadOnlyList<GraphQlSelection> selections, string target, HashSet<string> seen)
    {
        foreach (var selection in selections)
        {
            var found = selection switch
            {
                GraphQlFragmentSpread spread when spread.Name == target => true,
                GraphQlFragmentSpread spread => seen.Add(spread.Name)
                    && document.Fragments.TryGetValue(spread.Name, out var next)
                    && Reaches(document, next.SelectionSet, target, seen),
                GraphQlInlineFragment inline => Reaches(document, inline.SelectionSet, target, seen),
                GraphQlField { SelectionSet: { } children } => Reaches(document, children, target, seen),
                _ => false,
            };
            if (found)
            {
                return true;
            }
        }

        return false;
    }
}
