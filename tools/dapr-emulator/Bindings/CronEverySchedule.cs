namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>`@every d`: dapr/kit's ConstantDelaySchedule, simply the last activation plus d (no rounding).</summary>
internal sealed class CronEverySchedule(TimeSpan delay) : CronSchedule
{
    public override DateTimeOffset? Next(DateTimeOffset after) => after + delay;
}
