using System.Globalization;
using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// A `schedule` of bindings.cron, parsed as components-contrib parses it: dapr/kit/cron (a fork of
/// robfig/cron) with SecondOptional | Minute | Hour | Dom | Month | Dow | Descriptor. So: 5 fields
/// (minute first) or 6 (second first), names for months and weekdays, `*`, `?`, ranges, lists and steps;
/// `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`, `@every &lt;Go duration&gt;`;
/// an optional `TZ=Zone` or `CRON_TZ=Zone` prefix. Nothing else (no L, W or #, which robfig refuses too).
/// </summary>
internal abstract class CronSchedule
{
    /// <summary>The first activation strictly after <paramref name="after"/>; null when none within five years.</summary>
    public abstract DateTimeOffset? Next(DateTimeOffset after);

    public static CronSchedule Parse(string spec, string where)
    {
        if (string.IsNullOrEmpty(spec))
        {
            throw new InvalidDataException($"{where}: schedule not set");
        }

        var zone = TimeZoneInfo.Local;
        var text = spec;
        if (text.StartsWith("TZ=", StringComparison.Ordinal) || text.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var name = space < 0 ? text[(equals + 1)..] : text[(equals + 1)..space];
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new InvalidDataException($"{where}: invalid schedule format '{spec}': provided bad location {name}", ex);
            }

            text = space < 0 ? "" : text[space..].Trim();
        }

        try
        {
            return text.StartsWith('@') ? Descriptor(text, zone, where) : Fields(text, zone);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{where}: invalid schedule format '{spec}': {ex.Message}", ex);
        }
    }

    private static CronSchedule Descriptor(string text, TimeZoneInfo zone, string where)
    {
        const string every = "@every ";
        if (text.StartsWith(every, StringComparison.Ordinal))
        {
            var delay = GoDuration.Parse(text[every.Length..], where);
            if (delay <= TimeSpan.Zero)
            {
                // robfig's fork would fire in a tight loop; the emulator refuses instead of spinning.
                throw new InvalidDataException($"{where}: '{text}' must be a positive duration.");
            }

            return new EverySchedule(delay);
        }

        var all = (Field.Dom.All, Field.Month.All, Field.Dow.All);
        return text switch
        {
            "@yearly" or "@annually" => new FieldSchedule(1, 1, 1, 1UL << 1, 1UL << 1, Field.Dow.All, zone),
            "@monthly" => new FieldSchedule(1, 1, 1, 1UL << 1, all.Item2, all.Item3, zone),
            "@weekly" => new FieldSchedule(1, 1, 1, all.Item1, all.Item2, 1, zone),
            "@daily" or "@midnight" => new FieldSchedule(1, 1, 1, all.Item1, all.Item2, all.Item3, zone),
            "@hourly" => new FieldSchedule(1, 1, Field.Hour.All, all.Item1, all.Item2, all.Item3, zone),
            _ => throw new FormatException($"unrecognized descriptor: {text}"),
        };
    }

    private static FieldSchedule Fields(string text, TimeZoneInfo zone)
    {
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 5 or > 6)
        {
            throw new FormatException($"expected 5 to 6 fields, found {fields.Length}: [{string.Join(' ', fields)}]");
        }

        if (fields.Length == 5)
        {
            fields = ["0", .. fields];
        }

        return new FieldSchedule(
            Field.Second.Bits(fields[0]), Field.Minute.Bits(fields[1]), Field.Hour.Bits(fields[2]),
            Field.Dom.Bits(fields[3]), Field.Month.Bits(fields[4]), Field.Dow.Bits(fields[5]), zone);
    }

    /// <summary>`@every d`: dapr/kit's ConstantDelaySchedule, simply the last activation plus d (no rounding).</summary>
    private sealed class EverySchedule(TimeSpan delay) : CronSchedule
    {
        public override DateTimeOffset? Next(DateTimeOffset after) => after + delay;
    }

    /// <summary>One field's bounds and names; a value is a bit set with bit 63 set when the field was a star.</summary>
    private sealed class Field(int min, int max, IReadOnlyDictionary<string, int>? names = null)
    {
        public const ulong StarBit = 1UL << 63;

        public static readonly Field Second = new(0, 59);
        public static readonly Field Minute = new(0, 59);
        public static readonly Field Hour = new(0, 23);
        public static readonly Field Dom = new(1, 31);
        public static readonly Field Month = new(1, 12, new Dictionary<string, int>
        {
            ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
            ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
        });

        public static readonly Field Dow = new(0, 6, new Dictionary<string, int>
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

    /// <summary>dapr/kit's SpecSchedule.Next: walk month, day, hour, minute, second until all match, wrapping.</summary>
    private sealed class FieldSchedule(ulong second, ulong minute, ulong hour, ulong dom, ulong month, ulong dow, TimeZoneInfo zone) : CronSchedule
    {
        public override DateTimeOffset? Next(DateTimeOffset after)
        {
            // Wall-clock arithmetic in the schedule's zone, converted back through the zone at the end.
            var t = TimeZoneInfo.ConvertTime(after, zone).DateTime;
            t = new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified).AddSeconds(1);
            var added = false;
            var yearLimit = t.Year + 5;

            while (true)
            {
                if (t.Year > yearLimit)
                {
                    return null;
                }

                var wrapped = false;
                while ((1UL << t.Month & month) == 0)
                {
                    if (!added)
                    {
                        added = true;
                        t = new DateTime(t.Year, t.Month, 1);
                    }

                    t = t.AddMonths(1);
                    if (t.Month == 1)
                    {
                        wrapped = true;
                        break;
                    }
                }

                if (wrapped)
                {
                    continue;
                }

                while (!DayMatches(t))
                {
                    if (!added)
                    {
                        added = true;
                        t = t.Date;
                    }

                    t = t.AddDays(1);
                    if (t.Day == 1)
                    {
                        wrapped = true;
                        break;
                    }
                }

                if (wrapped)
                {
                    continue;
                }

                while ((1UL << t.Hour & hour) == 0)
                {
                    if (!added)
                    {
                        added = true;
                        t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0);
                    }

                    t = t.AddHours(1);
                    if (t.Hour == 0)
                    {
                        wrapped = true;
                        break;
                    }
                }

                if (wrapped)
                {
                    continue;
                }

                while ((1UL << t.Minute & minute) == 0)
                {
                    if (!added)
                    {
                        added = true;
                        t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0);
                    }

                    t = t.AddMinutes(1);
                    if (t.Minute == 0)
                    {
                        wrapped = true;
                        break;
                    }
                }

                if (wrapped)
                {
                    continue;
                }

                while ((1UL << t.Second & second) == 0)
                {
                    added = true;
                    t = t.AddSeconds(1);
                    if (t.Second == 0)
                    {
                        wrapped = true;
                        break;
                    }
                }

                if (wrapped)
                {
                    continue;
                }

                return ToInstant(t);
            }
        }

        private bool DayMatches(DateTime t)
        {
            var domMatch = (1UL << t.Day & dom) != 0;
            var dowMatch = (1UL << (int)t.DayOfWeek & dow) != 0;
            return (dom & Field.StarBit) != 0 || (dow & Field.StarBit) != 0 ? domMatch && dowMatch : domMatch || dowMatch;
        }

        /// <summary>A wall-clock time of the zone as an instant; a time skipped by a DST jump moves forward by the gap, as Go's time.Date does.</summary>
        private DateTimeOffset ToInstant(DateTime wall)
        {
            if (zone.IsInvalidTime(wall))
            {
                wall = wall.AddHours(1);
            }

            var offset = zone.GetUtcOffset(wall);
            return new DateTimeOffset(wall, offset);
        }
    }
}
