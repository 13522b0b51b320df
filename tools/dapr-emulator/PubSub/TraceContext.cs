using System.Diagnostics;

namespace FbaMesh.DaprEmulator.PubSub;

/// <summary>
/// W3C trace context as daprd propagates it: its publish span is a child of the caller's span, so the
/// envelope's traceparent keeps the caller's trace id with a new span id (a new trace without a caller).
/// </summary>
internal static class TraceContext
{
    public static string ChildOf(string? traceParent)
    {
        var span = ActivitySpanId.CreateRandom().ToHexString();
        if (traceParent is { Length: 55 } && traceParent[2] == '-' && traceParent[35] == '-' && traceParent[52] == '-'
            && traceParent.Split('-') is [var version, var traceId, _, var flags] && version != "ff")
        {
            return $"00-{traceId}-{span}-{flags}";
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{span}-01";
    }
}
