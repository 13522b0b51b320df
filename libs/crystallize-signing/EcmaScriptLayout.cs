using System.Globalization;

namespace FbaMesh.Crystallize.Signing;

/// <summary>The layout step of ECMAScript Number::toString (ECMA-262 §6.1.6.1.20), for a positive value.</summary>
internal static class EcmaScriptLayout
{
    /// <param name="digits">k significant digits, no leading or trailing zeros.</param>
    /// <param name="n">the decimal point position: value = 0.digits × 10^n.</param>
    public static void Write(ReadOnlySpan<byte> digits, int n, PooledBuffer output)
    {
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            output.Write(digits);
            output.GetSpan(n - k)[..(n - k)].Fill((byte)'0');
            output.Advance(n - k);
        }
        else if (0 < n && n <= 21)
        {
            output.Write(digits[..n]);
            output.Write((byte)'.');
            output.Write(digits[n..]);
        }
        else if (-6 < n && n <= 0)
        {
            output.Write("0."u8);
            output.GetSpan(-n)[..(-n)].Fill((byte)'0');
            output.Advance(-n);
            output.Write(digits);
        }
        else
        {
            output.Write(digits[0]);
            if (k > 1)
            {
                output.Write((byte)'.');
                output.Write(digits[1..]);
            }

            output.Write((byte)'e');
            var exponent = n - 1;
            output.Write(exponent < 0 ? (byte)'-' : (byte)'+');
            Math.Abs(exponent).TryFormat(output.GetSpan(4), out var written, default, CultureInfo.InvariantCulture);
            output.Advance(written);
        }
    }
}
