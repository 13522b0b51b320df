using FbaMesh.CrystallizeEmulator.GraphQl;

namespace FbaMesh.CrystallizeEmulator.Orders;

/// <summary>Validates one operation's selections and variables against the schema.</summary>
internal sealed class OperationWalk(
    GraphQlDocument document,
    GraphQlOperation operation,
    List<GraphQlError> errors,
    HashSet<string> usedFragments)
{
    private readonly Dictionary<string, GraphQlVariableDefinition> _variables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedVariables = new(StringComparer.Ordinal);

    public void Run()
    {
        foreach (var definition in operation.Variables)
        {
            if (!_variables.TryAdd(definition.Name, definition))
            {
                errors.Add(OrderQueryValidator.Fail($"There can be only one variable named \"${definition.Name}\".", definition.Location));
            }

            var named = definition.Type;
            while (named.ItemType is not null)
            {
                named = named.ItemType;
            }

            if (!OrderSchema.IsScalar(named.Name!))
            {
                errors.Add(OrderQueryValidator.Fail(OrderSchema.TryGetType(named.Name!, out _)
                    ? $"Variable \"${definition.Name}\" cannot be non-input type \"{definition.Type}\"."
                    : $"Unknown type \"{named.Name}\".", definition.Location));
            }
        }

        WalkSelections(OrderSchema.GetType(OrderSchema.QueryType), [operation.SelectionSet]);
        foreach (var unused in operation.Variables.Where(v => !_usedVariables.Contains(v.Name)))
        {
            errors.Add(OrderQueryValidator.Fail($"Variable \"${unused.Name}\" is never used{InOperation}.", unused.Location));
        }
    }

    private string InOperation => operation.Name is null ? string.Empty : $" in operation \"{operation.Name}\"";

    private void WalkSelections(SchemaType type, IEnumerable<IReadOnlyList<GraphQlSelection>> selectionSets)
    {
        var sets = selectionSets.ToList();
        MarkFragmentsUsed(sets.SelectMany(set => set));
        var groups = FieldCollector.Collect(type.Name, sets, document.Fragments, errors);
        foreach (var (responseKey, fields) in groups)
        {
            var first = fields[0];
            foreach (var other in fields.Where(f => f.Name != first.Name))
            {
                errors.Add(OrderQueryValidator.Fail(
                    $"Fields \"{responseKey}\" conflict because \"{first.Name}\" and \"{other.Name}\" are different fields. " +
                    "Use different aliases on the fields to fetch both if this was intentional.", other.Location));
            }

            foreach (var field in fields.Where(f => f.Name == first.Name))
            {
                WalkField(type, field);
            }

            if (type.Fields.TryGetValue(first.Name, out var schemaField) && !OrderSchema.IsScalar(schemaField.Type))
            {
                var subSets = fields.Where(f => f.Name == first.Name && f.SelectionSet is not null).Select(f => f.SelectionSet!).ToList();
                if (subSets.Count > 0)
                {
                    WalkSelections(OrderSchema.GetType(schemaField.Type), subSets);
                }
            }
        }
    }

    private void WalkField(SchemaType type, GraphQlField field)
    {
        if (field.Name == "__typename")
        {
            RefuseArguments(type, field, null);
            RefuseSelection(field, "String!");
            return;
        }

        if (!type.Fields.TryGetValue(field.Name, out var schemaField))
        {
            errors.Add(OrderQueryValidator.Fail($"Cannot query field \"{field.Name}\" on type \"{type.Name}\".", field.Location));
            return;
        }

        RefuseArguments(type, field, schemaField.IdArgument);
        if (OrderSchema.IsScalar(schemaField.Type))
        {
            RefuseSelection(field, schemaField.Describe());
        }
        else if (field.SelectionSet is null)
        {
            errors.Add(OrderQueryValidator.Fail(
                $"Field \"{field.Name}\" of type \"{schemaField.Describe()}\" must have a selection of subfields. Did you mean \"{field.Name} {{ ... }}\"?",
                field.Location));
        }
    }

    private void RefuseSelection(GraphQlField field, string typeName)
    {
        if (field.SelectionSet is not null)
        {
            errors.Add(OrderQueryValidator.Fail(
                $"Field \"{field.Name}\" must not have a selection since type \"{typeName}\" has no subfields.", field.Location));
        }
    }

    private void RefuseArguments(SchemaType type, GraphQlField field, string? idArgument)
    {
        foreach (var argument in field.Arguments.Where(a => a.Name != idArgument))
        {
            errors.Add(OrderQueryValidator.Fail($"Unknown argument \"{argument.Name}\" on field \"{type.Name}.{field.Name}\".", argument.Location));
        }

        if (idArgument is null)
        {
            return;
        }

        var id = field.Arguments.FirstOrDefault(a => a.Name == idArgument);
        if (id is null)
        {
            errors.Add(OrderQueryValidator.Fail(
                $"Field \"{field.Name}\" argument \"{idArgument}\" of type \"ID!\" is required, but it was not provided.", field.Location));
            return;
        }

        CheckIdValue(id);
    }

    private void CheckIdValue(GraphQlArgument id)
    {
        switch (id.Value)
        {
            case GraphQlVariable variable when !_variables.TryGetValue(variable.Name, out _):
                errors.Add(OrderQueryValidator.Fail($"Variable \"${variable.Name}\" is not defined{ByOperation}.", id.Location));
                break;
            case GraphQlVariable variable:
                _usedVariables.Add(variable.Name);
                var definition = _variables[variable.Name];
                var nonNull = definition.Type.NonNull || definition.DefaultValue is not (null or GraphQlKeyword { Text: "null" });
                if (definition.Type.Name != "ID" || !nonNull)
                {
                    errors.Add(OrderQueryValidator.Fail(
                        $"Variable \"${variable.Name}\" of type \"{definition.Type}\" used in position expecting type \"ID!\".", id.Location));
                }

                break;
            case GraphQlScalar { Kind: GraphQlTokenKind.String or GraphQlTokenKind.Int }:
                break;
            default:
                errors.Add(OrderQueryValidator.Fail($"ID cannot represent a non-string and non-integer value.", id.Location));
                break;
        }
    }

    private string ByOperation => operation.Name is null ? string.Empty : $" by operation \"{operation.Name}\"";

    private void MarkFragmentsUsed(IEnumerable<GraphQlSelection> selections)
    {
        foreach (var selection in selections)
        {
            if (selection is GraphQlFragmentSpread spread && usedFragments.Add(spread.Name) && document.Fragments.TryGetValue(spread.Name, out var fragment))
            {
                MarkFragmentsUsed(fragment.SelectionSet);
            }
            else if (selection is GraphQlInlineFragment inline)
            {
                MarkFragmentsUsed(inline.SelectionSet);
            }
        }
    }
}
