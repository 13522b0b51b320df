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

            return new CronEverySchedule(delay);
        }

        var all = (CronField.Dom.All, CronField.Month.All, CronField.Dow.All);
        return text switch
        {
            "@yearly" or "@annually" => new CronFieldSchedule(1, 1, 1, 1UL << 1, 1UL << 1, CronField.Dow.All, zone),
            "@monthly" => new CronFieldSchedule(1, 1, 1, 1UL << 1, all.Item2, all.Item3, zone),
            "@weekly" => new CronFieldSchedule(1, 1, 1, all.Item1, all.Item2, 1, zone),
            "@daily" or "@midnight" => new CronFieldSchedule(1, 1, 1, all.Item1, all.Item2, all.Item3, zone),
            "@hourly" => new CronFieldSchedule(1, 1, CronField.Hour.All, all.Item1, all.Item2, all.Item3, zone),
            _ => throw new FormatException($"unrecognized descriptor: {text}"),
        };
    }

    private static CronFieldSchedule Fields(string text, TimeZoneInfo zone)
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

        return new CronFieldSchedule(
            CronField.Second.Bits(fields[0]), CronField.Minute.Bits(fields[1]), CronField.Hour.Bits(fields[2]),
            CronField.Dom.Bits(fields[3]), CronField.Month.Bits(fields[4]), CronField.Dow.Bits(fields[5]), zone);
    }
}
