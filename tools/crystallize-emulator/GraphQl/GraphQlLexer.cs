using System.Globalization;
using System.Text;

namespace FbaMesh.CrystallizeEmulator.GraphQl;

/// <summary>
/// Splits query text into tokens per the GraphQL spec's lexical grammar: white space, commas and
/// comments are ignored; block strings are left out because no order query needs them.
/// </summary>
public sealed class GraphQlLexer(string source)
{
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public GraphQlToken Next()
    {
        SkipIgnored();
        var location = new GraphQlLocation(_line, _position - _lineStart + 1);
        if (_position >= source.Length)
        {
            return new GraphQlToken(GraphQlTokenKind.EndOfFile, string.Empty, location);
        }

        var c = source[_position];
        if (c == '.')
        {
            if (string.CompareOrdinal(source, _position, "...", 0, 3) != 0)
            {
                throw new GraphQlSyntaxException("Syntax Error: Unexpected \".\".", location);
            }

            _position += 3;
            return new GraphQlToken(GraphQlTokenKind.Punctuator, "...", location);
        }

        if ("!$&():=@[]{}|".Contains(c, StringComparison.Ordinal))
        {
            _position++;
            return new GraphQlToken(GraphQlTokenKind.Punctuator, c.ToString(), location);
        }

        if (c == '_' || char.IsAsciiLetter(c))
        {
            return new GraphQlToken(GraphQlTokenKind.Name, ReadWhile(static ch => ch == '_' || char.IsAsciiLetterOrDigit(ch)), location);
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber(location);
        }

        if (c == '"')
        {
            return ReadString(location);
        }

        throw new GraphQlSyntaxException(
            $"Syntax Error: Unexpected character: \"{c}\" (U+{(int)c:X4}).", location);
    }

    private void SkipIgnored()
    {
        while (_position < source.Length)
        {
            var c = source[_position];
            if (c == '\n' || (c == '\r' && !Peek('\n', 1)))
            {
                _position++;
                _line++;
                _lineStart = _position;
            }
            else if (c is ' ' or '\t' or ',' or '\r' or '\uFEFF')
            {
                _position++;
            }
            else if (c == '#')
            {
                while (_position < source.Length && source[_position] is not ('\n' or '\r'))
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool Peek(char expected, int offset) =>
        _position + offset < source.Length && source[_position + offset] == expected;

    private string ReadWhile(Func<char, bool> accept)
    {
        var start = _position;
        while (_position < source.Length && accept(source[_position]))
        {
            _position++;
        }

        return source[start.._position];
    }

    private GraphQlToken ReadNumber(GraphQlLocation location)
    {
        var start = _position;
        if (source[_position] == '-')
        {
            _position++;
        }

        var integer = ReadWhile(char.IsAsciiDigit);
        if (integer.Length == 0 || (integer.Length > 1 && integer[0] == '0'))
        {
            throw new GraphQlSyntaxException("Syntax Error: Invalid number.", location);
        }

        var isFloat = false;
        if (_position < source.Length && source[_position] == '.')
        {
            _position++;
            isFloat = true;
            RequireDigits(location);
        }

        if (_position < source.Length && source[_position] is 'e' or 'E')
        {
            _position++;
            isFloat = true;
            if (_position < source.Length && source[_position] is '+' or '-')
            {
                _position++;
            }

            RequireDigits(location);
        }

        if (_position < source.Length && (source[_position] is '.' or '_' || char.IsAsciiLetter(source[_position])))
        {
            throw new GraphQlSyntaxException("Syntax Error: Invalid number.", location);
        }

        var kind = isFloat ? GraphQlTokenKind.Float : GraphQlTokenKind.Int;
        return new GraphQlToken(kind, source[start.._position], location);
    }

    private void RequireDigits(GraphQlLocation location)
    {
        if (ReadWhile(char.IsAsciiDigit).Length == 0)
        {
            throw new GraphQlSyntaxException("Syntax Error: Invalid number, expected digit.", location);
        }
    }

    private GraphQlToken ReadString(GraphQlLocation location)
    {
        if (string.CompareOrdinal(source, _position, "\"\"\"", 0, 3) == 0)
        {
            throw new GraphQlSyntaxException(
                "Block strings are not supported by the Crystallize emulator; use a variable.", location);
        }

        _position++;
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= source.Length || source[_position] is '\n' or '\r')
            {
                throw new GraphQlSyntaxException("Syntax Error: Unterminated string.", location);
            }

            var c = source[_position++];
            if (c == '"')
            {
                return new GraphQlToken(GraphQlTokenKind.String, text.ToString(), location);
            }

            text.Append(c == '\\' ? ReadEscape(location) : c);
        }
    }

    private char ReadEscape(GraphQlLocation location)
    {
        var c = _position < source.Length ? source[_position++] : '\0';
        switch (c)
        {
            case '"' or '\\' or '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u' when _position + 4 <= source.Length
                && int.TryParse(source.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                _position += 4;
                return (char)code;
            default:
                throw new GraphQlSyntaxException("Syntax Error: Invalid character escape sequence.", location);
        }
    }
}
