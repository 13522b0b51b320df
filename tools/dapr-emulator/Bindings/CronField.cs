using System.Globalization;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>One field's bounds and names; a value is a bit set with bit 63 set when the field was a star.</summary>
internal sealed class CronField(int min, int max, IReadOnlyDictionary<string, int>? names = null)
{
    public const ulong StarBit = 1UL << 63;

    public static readonly CronField Second = new(0, 59);
    public static readonly CronField Minute = new(0, 59);
    public static readonly CronField Hour = new(0, 23);
    public static readonly CronField Dom = new(1, 31);
    public static readonly CronField Month = new(1, 12, new Dictionary<string, int>
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    });

    public static readonly CronField Dow = new(0, 6, new Dictionary<string, int>
    {
        ["sun"] = 0, ["mon"] = 1, ["tue"] = 2, ["wed"] = 3, ["thu"] = 4, ["fri"] = 5, ["sat"] = 6,
    });

    public ulong All => Range(min, max, 1) | StarBit;

    public ulong Bits(string field)
    {
        ulong bits = 0;
        foreach (var expr in field.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            bits |= RangeBits(expr);
        }

        return bits;
    }

    private ulong RangeBits(string expr)
    {
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        int start, end;
        ulong extra = 0;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end, extra) = (min, max, StarBit);
        }
        else
        {
            start = IntOrName(lowAndHigh[0]);
            end = lowAndHigh.Length switch
            {
                1 => start,
                2 => IntOrName(lowAndHigh[1]),
                _ => throw new FormatException($"too many hyphens: {expr}"),
            };
        }

        var step = 1;
        switch (rangeAndStep.Length)
        {
            case 1:
                break;
            case 2:
                step = Int(rangeAndStep[1]);
                if (lowAndHigh.Length == 1)
                {
                    // "N/step" means "N-max/step".
                    end = max;
                }

                if (step > 1)
                {
                    extra = 0;
                }

                break;
            default:
                throw new FormatException($"too many slashes: {expr}");
        }

        if (start < min)
        {
            throw new FormatException($"beginning of range ({start}) below minimum ({min}): {expr}");
        }

        if (end > max)
        {
            throw new FormatException($"end of range ({end}) above maximum ({max}): {expr}");
        }

        if (start > end)
        {
            throw new FormatException($"beginning of range ({start}) beyond end of range ({end}): {expr}");
        }

        if (step == 0)
        {
            throw new FormatException($"step of range should be a positive number: {expr}");
        }

        return Range(start, end, step) | extra;
    }

    private int IntOrName(string expr) =>
        names is not null && names.TryGetValue(expr.ToLowerInvariant(), out var named) ? named : Int(expr);

    private static int Int(string expr)
    {
        if (!int.TryParse(expr, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"failed to parse int from {expr}");
        }

        return number < 0 ? throw new FormatException($"negative number ({number}) not allowed: {expr}") : number;
    }

    private static ulong Range(int start, int end, int step)
    {
        ulong bits = 0;
        for (var i = start; i <= end; i += step)
        {
            bits |= 1UL << i;
        }

        return bits;
    }
}
