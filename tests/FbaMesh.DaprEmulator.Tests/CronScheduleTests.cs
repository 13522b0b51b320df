using FbaMesh.DaprEmulator.Bindings;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>bindings.cron schedules as dapr/kit/cron reads them (seconds optional, descriptors, @every, TZ=).</summary>
public sealed class CronScheduleTests
{
    // A Wednesday.
    private static readonly DateTimeOffset Now = new(2026, 1, 7, 10, 17, 42, 500, TimeSpan.Zero);

    [Theory]
    [InlineData("TZ=UTC 15 * * * * *", "2026-01-07T10:18:15Z")]
    [InlineData("TZ=UTC 0 30 * * * *", "2026-01-07T10:30:00Z")]
    [InlineData("TZ=UTC */15 * * * *", "2026-01-07T10:30:00Z")]
    [InlineData("TZ=UTC 0 0 9 * * MON-FRI", "2026-01-08T09:00:00Z")]
    [InlineData("TZ=UTC 0 0 12 * * sat,sun", "2026-01-10T12:00:00Z")]
    [InlineData("TZ=UTC 0 0 1 * 1", "2026-01-12T00:00:00Z")]
    [InlineData("TZ=UTC 0 0 1 feb ?", "2026-02-01T00:00:00Z")]
    [InlineData("TZ=UTC 30 10-12/2 * * *", "2026-01-07T10:30:00Z")]
    [InlineData("TZ=UTC @hourly", "2026-01-07T11:00:00Z")]
    [InlineData("TZ=UTC @daily", "2026-01-08T00:00:00Z")]
    [InlineData("TZ=UTC @weekly", "2026-01-11T00:00:00Z")]
    [InlineData("TZ=UTC @monthly", "2026-02-01T00:00:00Z")]
    [InlineData("TZ=UTC @yearly", "2027-01-01T00:00:00Z")]
    [InlineData("@every 15s", "2026-01-07T10:17:57.5Z")]
    [InlineData("@every 1m30s", "2026-01-07T10:19:12.5Z")]
    [InlineData("CRON_TZ=Asia/Tokyo 0 0 9 * * *", "2026-01-08T00:00:00Z")]
    public void Next_activation_matches_dapr_kit_cron(string schedule, string expected)
    {
        var next = CronSchedule.Parse(schedule, "test").Next(Now);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void Day_of_month_and_day_of_week_both_restricted_match_either()
    {
        // robfig: with neither field a star, the 13th or any Friday.
        var schedule = CronSchedule.Parse("TZ=UTC 0 0 0 13 * FRI", "test");

        Assert.Equal(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), schedule.Next(Now));
        Assert.Equal(new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("", "schedule not set")]
    [InlineData("* * * *", "expected 5 to 6 fields")]
    [InlineData("* * * * * * *", "expected 5 to 6 fields")]
    [InlineData("61 * * * * *", "above maximum")]
    [InlineData("0 0 L * *", "failed to parse int from L")]
    [InlineData("@fortnightly", "unrecognized descriptor")]
    [InlineData("@every 0s", "positive duration")]
    [InlineData("@every soon", "not a duration")]
    [InlineData("TZ=Nowhere/City * * * * *", "bad location")]
    [InlineData("*/0 * * * *", "step of range should be a positive number")]
    public void Invalid_schedules_are_refused_with_the_reason(string schedule, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => CronSchedule.Parse(schedule, "components/cron.yaml"));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("components/cron.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Go_time_string_drops_trailing_zeros_of_the_fraction()
    {
        Assert.Equal("2026-01-07 10:17:42.5 +0000 UTC", CronReader.GoTimeString(Now));
        Assert.Equal("2026-01-07 10:17:42 +0000 UTC", CronReader.GoTimeString(Now.AddMilliseconds(-500)));
    }
}
