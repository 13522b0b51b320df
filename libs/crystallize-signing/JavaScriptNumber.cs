using System.Globalization;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// Prints a JSON number literal as <c>JSON.stringify(JSON.parse(literal))</c> does: the literal
/// becomes an IEEE double (so 2^53 + 1 rounds, 1e400 overflows and prints <c>null</c>), printed with
/// ECMAScript Number::toString (shortest round-trip digits, exponent form outside 1e-7 &lt; |x| &lt; 1e21).
/// </summary>
internal static class JavaScriptNumber
{
    // Up to 15 digits a JSON integer is an exact double and prints back unchanged.
    private const int ExactIntegerDigits = 15;

    public static void Write(ReadOnlySpan<byte> literal, PooledBuffer output)
    {
        if (IsShortInteger(literal))
        {
            output.Write(literal is [(byte)'-', (byte)'0'] ? "0"u8 : literal);
            return;
        }

        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        WriteDouble(value, output);
    }

    public static void WriteDouble(double value, PooledBuffer output)
    {
        if (!double.IsFinite(value))
        {
            output.Write("null"u8);
            return;
        }

        if (value == 0)
        {
            output.Write((byte)'0');
            return;
        }

        // .NET's "R" gives the shortest round-trip digits (as V8 does); only the layout differs.
        Span<byte> shortest = stackalloc byte[32];
        value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        Span<byte> digits = stackalloc byte[20];
        var (count, pointPosition) = Decompose(shortest[..length], digits);
        if (value < 0)
        {
            output.Write((byte)'-');
        }

        EcmaScriptLayout.Write(digits[..count], pointPosition, output);
    }

    private static bool IsShortInteger(ReadOnlySpan<byte> literal)
    {
        var digits = literal.Length > 0 && literal[0] == '-' ? literal[1..] : literal;
        return digits.Length is > 0 and <= ExactIntegerDigits && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    /// <summary>
    /// Splits .NET's round-trip text ("-1.25E-07", "123.5", "1E+21") into significant digits without
    /// leading or trailing zeros and the decimal point position n (value = 0.digits × 10^n).
    /// </summary>
    private static (int Count, int PointPosition) Decompose(ReadOnlySpan<byte> text, Span<byte> digits)
    {
        var count = 0;
        var beforePoint = 0;
        var seenPoint = false;
        var exponent = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == 'E')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }

            if (c == '.')
            {
                seenPoint = true;
            }
            else if (c is >= (byte)'0' and <= (byte)'9')
            {
                if (count == 0 && c == '0')
                {
                    // A leading zero shifts the point left without being a significant digit.
                    beforePoint -= seenPoint ? 1 : 0;
                    continue;
                }

                digits[count++] = c;
                beforePoint += seenPoint ? 0 : 1;
            }
        }

        while (count > 1 && digits[count - 1] == '0')
        {
            count--;
        }

        return (count, beforePoint + exponent);
    }
}
