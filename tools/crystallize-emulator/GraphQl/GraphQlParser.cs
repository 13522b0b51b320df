namespace FbaMesh.CrystallizeEmulator.GraphQl;

/// <summary>
/// Recursive-descent parser for the executable subset of GraphQL that order queries use:
/// operations with variables, fields with aliases and arguments, nested selections and fragments.
/// Directives, block strings and type-system definitions are refused with a clear error.
/// </summary>
public sealed class GraphQlParser
{
    private const int MaxDepth = 64;
    private readonly GraphQlLexer _lexer;
    private GraphQlToken _token;
    private int _depth;

    private GraphQlParser(string source)
    {
        _lexer = new GraphQlLexer(source);
        _token = _lexer.Next();
    }

    public static GraphQlDocument Parse(string source) => new GraphQlParser(source).ParseDocument();

    private GraphQlDocument ParseDocument()
    {
        var operations = new List<GraphQlOperation>();
        var fragments = new Dictionary<string, GraphQlFragment>(StringComparer.Ordinal);
        do
        {
            if (_token.IsName("fragment"))
            {
                var fragment = ParseFragment();
                if (!fragments.TryAdd(fragment.Name, fragment))
                {
                    throw new GraphQlSyntaxException($"There can be only one fragment named \"{fragment.Name}\".", fragment.Location);
                }
            }
            else
            {
                operations.Add(ParseOperation());
            }
        }
        while (_token.Kind != GraphQlTokenKind.EndOfFile);

        return new GraphQlDocument(operations, fragments);
    }

    private GraphQlOperation ParseOperation()
    {
        var location = _token.Location;
        if (_token.Is("{"))
        {
            return new GraphQlOperation("query", null, [], ParseSelectionSet(), location);
        }

        if (_token.Kind != GraphQlTokenKind.Name || _token.Text is not ("query" or "mutation" or "subscription"))
        {
            throw Unexpected();
        }

        var kind = Advance().Text;
        string? name = _token.Kind == GraphQlTokenKind.Name ? Advance().Text : null;
        var variables = _token.Is("(") ? ParseVariableDefinitions() : [];
        RefuseDirectives();
        return new GraphQlOperation(kind, name, variables, ParseSelectionSet(), location);
    }

    private List<GraphQlVariableDefinition> ParseVariableDefinitions()
    {
        Expect("(");
        var definitions = new List<GraphQlVariableDefinition>();
        do
        {
            var location = _token.Location;
            Expect("$");
            var name = ExpectName();
            Expect(":");
            var type = ParseType();
            GraphQlValue? defaultValue = null;
            if (_token.Is("="))
            {
                Advance();
                defaultValue = ParseValue(constant: true);
            }

            RefuseDirectives();
            definitions.Add(new GraphQlVariableDefinition(name, type, defaultValue, location));
        }
        while (!_token.Is(")"));
        Advance();
        return definitions;
    }

    private GraphQlTypeReference ParseType()
    {
        GraphQlTypeReference type;
        if (_token.Is("["))
        {
            Advance();
            var item = ParseType();
            Expect("]");
            type = new GraphQlTypeReference(null, item, false);
        }
        else
        {
            type = new GraphQlTypeReference(ExpectName(), null, false);
        }

        if (_token.Is("!"))
        {
            Advance();
            type = type with { NonNull = true };
        }

        return type;
    }

    private GraphQlFragment ParseFragment()
    {
        var location = Advance().Location;
        var name = ExpectName();
        if (name == "on")
        {
            throw new GraphQlSyntaxException("Syntax Error: Unexpected Name \"on\".", location);
        }

        ExpectKeyword("on");
        var typeCondition = ExpectName();
        RefuseDirectives();
        return new GraphQlFragment(name, typeCondition, ParseSelectionSet(), location);
    }

    private List<GraphQlSelection> ParseSelectionSet()
    {
        if (++_depth > MaxDepth)
        {
            throw new GraphQlSyntaxException($"The query nests deeper than {MaxDepth} levels.", _token.Location);
        }

        Expect("{");
        var selections = new List<GraphQlSelection>();
        do
        {
            selections.Add(_token.Is("...") ? ParseFragmentSelection() : ParseField());
        }
        while (!_token.Is("}"));
        Advance();
        _depth--;
        return selections;
    }

    private GraphQlSelection ParseFragmentSelection()
    {
        var location = Advance().Location;
        if (_token.Kind == GraphQlTokenKind.Name && !_token.IsName("on"))
        {
            var name = Advance().Text;
            RefuseDirectives();
            return new GraphQlFragmentSpread(name, location);
        }

        string? typeCondition = null;
        if (_token.IsName("on"))
        {
            Advance();
            typeCondition = ExpectName();
        }

        RefuseDirectives();
        return new GraphQlInlineFragment(typeCondition, ParseSelectionSet(), location);
    }

    private GraphQlField ParseField()
    {
        var location = _token.Location;
        var name = ExpectName();
        string? alias = null;
        if (_token.Is(":"))
        {
            Advance();
            alias = name;
            name = ExpectName();
        }

        var arguments = _token.Is("(") ? ParseArguments() : [];
        RefuseDirectives();
        var selectionSet = _token.Is("{") ? ParseSelectionSet() : null;
        return new GraphQlField(alias, name, arguments, selectionSet, location);
    }

    private List<GraphQlArgument> ParseArguments()
    {
        Expect("(");
        var arguments = new List<GraphQlArgument>();
        do
        {
            var location = _token.Location;
            var name = ExpectName();
            Expect(":");
            arguments.Add(new GraphQlArgument(name, ParseValue(constant: false), location));
        }
        while (!_token.Is(")"));
        Advance();
        return arguments;
    }

    private GraphQlValue ParseValue(bool constant)
    {
        var token = _token;
        switch (token.Kind)
        {
            case GraphQlTokenKind.Punctuator when token.Text == "$" && !constant:
                Advance();
                return new GraphQlVariable(ExpectName());
            case GraphQlTokenKind.Punctuator when token.Text == "[":
                Advance();
                var items = new List<GraphQlValue>();
                while (!_token.Is("]"))
                {
                    items.Add(ParseValue(constant));
                }

                Advance();
                return new GraphQlList(items);
            case GraphQlTokenKind.Punctuator when token.Text == "{":
                return ParseObjectValue(constant);
            case GraphQlTokenKind.Int or GraphQlTokenKind.Float or GraphQlTokenKind.String:
                Advance();
                return new GraphQlScalar(token.Kind, token.Text);
            case GraphQlTokenKind.Name:
                Advance();
                return new GraphQlKeyword(token.Text);
            default:
                throw Unexpected();
        }
    }

    private GraphQlObject ParseObjectValue(bool constant)
    {
        Advance();
        var fields = new List<KeyValuePair<string, GraphQlValue>>();
        while (!_token.Is("}"))
        {
            var name = ExpectName();
            Expect(":");
            fields.Add(new(name, ParseValue(constant)));
        }

        Advance();
        return new GraphQlObject(fields);
    }

    private void RefuseDirectives()
    {
        if (_token.Is("@"))
        {
            throw new GraphQlSyntaxException("Directives are not supported by the Crystallize emulator.", _token.Location);
        }
    }

    private GraphQlToken Advance()
    {
        var current = _token;
        _token = _lexer.Next();
        return current;
    }

    private void Expect(string punctuator)
    {
        if (!_token.Is(punctuator))
        {
            throw new GraphQlSyntaxException($"Syntax Error: Expected \"{punctuator}\", found {_token.Describe()}.", _token.Location);
        }

        Advance();
    }

    private void ExpectKeyword(string keyword)
    {
        if (!_token.IsName(keyword))
        {
            throw new GraphQlSyntaxException($"Syntax Error: Expected \"{keyword}\", found {_token.Describe()}.", _token.Location);
        }

        Advance();
    }

    private string ExpectName() =>
        _token.Kind == GraphQlTokenKind.Name
            ? Advance().Text
            : throw new GraphQlSyntaxException($"Syntax Error: Expected Name, found {_token.Describe()}.", _token.Location);

    private GraphQlSyntaxException Unexpected() =>
        new($"Syntax Error: Unexpected {_token.Describe()}.", _token.Location);
}
