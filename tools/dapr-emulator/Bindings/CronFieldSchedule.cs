namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>dapr/kit's SpecSchedule.Next: walk month, day, hour, minute, second until all match, wrapping.</summary>
internal sealed class CronFieldSchedule(ulong second, ulong minute, ulong hour, ulong dom, ulong month, ulong dow, TimeZoneInfo zone) : CronSchedule
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
        return (dom & CronField.StarBit) != 0 || (dow & CronField.StarBit) != 0 ? domMatch && dowMatch : domMatch || dowMatch;
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
