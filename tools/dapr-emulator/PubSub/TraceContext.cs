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
        // version-traceid-parentid-flags with exactly these three dashes; spans rather than Split: this runs on every publish.
        if (traceParent is { Length: 55 } && traceParent[2] == '-' && traceParent[35] == '-' && traceParent[52] == '-'
            && traceParent.AsSpan().Count('-') == 3 && !traceParent.StartsWith("ff", StringComparison.Ordinal))
        {
            return $"00-{traceParent.AsSpan(3, 32)}-{span}-{traceParent.AsSpan(53, 2)}";
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{span}-01";
    }
}
