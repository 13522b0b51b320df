using System.Globalization;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>Number literals that stress ECMAScript number printing: boundaries, rounding, overflow.</summary>
internal sealed class CorpusNumbers(Random random)
{
    private static readonly string[] Landmarks =
    [
        "0", "-0", "0.0", "-0.0", "0e0", "0E-5", "1", "-1", "1.50", "1E2", "1e+2", "1e21", "1e20", "9.999999999999999e20",
        "999999999999999999999", "100000000000000000000", "123456789012345680000", "1e-6", "1e-7", "0.000001", "0.0000001",
        "0.0000012345", "1.2345e-7", "9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993",
        "18446744073709551615", "18446744073709551616", "1e308", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.8e308", "1e309", "-1e400", "1e-400", "-1e-400", "5e-324", "4.9e-324", "2.4703282292062328e-324",
        "2.4703282292062327e-324", "2.2250738585072014e-308", "2.225073858507201e-308", "0.1", "0.2", "0.30000000000000004",
        "1.005", "4.35", "0.5e1", "123.456e-2", "1e-5", "1e-323", "100", "1000000000000000128", "1000000000000000129",
        "0.000001000000000000001", "12345678901234567890123456789012345678901234567890", "1" + new string('0', 400),
        "0." + new string('0', 400) + "1", "3.141592653589793238462643383279", "1.0000000000000002", "0.9999999999999999",
    ];

    public string Next() => random.Next(10) switch
    {
        0 or 1 => Landmarks[random.Next(Landmarks.Length)],
        2 or 3 => random.Next(-100000, 100000).ToString(CultureInfo.InvariantCulture),
        4 => RandomDigits(random.Next(14, 30), allowFraction: false),
        5 => RandomDigits(random.Next(1, 25), allowFraction: true),
        6 => $"{RandomDigits(random.Next(1, 20), allowFraction: true)}{(random.Next(2) == 0 ? 'e' : 'E')}{Sign()}{random.Next(0, 330)}",
        7 => $"{RandomDigits(random.Next(1, 18), allowFraction: true)}e{Sign()}{random.Next(15, 25)}",
        _ => RandomDouble(),
    };

    private string Sign() => random.Next(3) switch { 0 => "-", 1 => "+", _ => string.Empty };

    private string RandomDigits(int count, bool allowFraction)
    {
        var digits = new char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        digits[0] = count > 1 && digits[0] == '0' ? '1' : digits[0];
        var text = new string(digits);
        if (allowFraction && random.Next(2) == 0)
        {
            var fraction = random.Next(1, 20);
            text = $"{text}.{RandomDigits(fraction, allowFraction: false)}";
        }

        return random.Next(4) == 0 ? "-" + text : text;
    }

    private string RandomDouble()
    {
        double value;
        do
        {
            value = BitConverter.Int64BitsToDouble(random.NextInt64());
        }
        while (!double.IsFinite(value));

        var format = random.Next(3) switch { 0 => "R", 1 => "E16", _ => "G17" };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
