using System.Globalization;

namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// `--replicas app-id=N` (repeatable): how many processes of an app run, each with its own sidecar, as
/// replicas of one Deployment on Kubernetes. The first instance is named by its app id, the others
/// app-id#2 … app-id#N (app-id#1 names the first as well).
/// </summary>
public static class ReplicaCounts
{
    public const int Most = 8;

    /// <summary>Parses the option's values; the error names the value that is not app-id=N with N from 1 to <see cref="Most"/>.</summary>
    public static bool TryParse(IEnumerable<string>? values, out Dictionary<string, int> counts, out string? error)
    {
        counts = new Dictionary<string, int>(StringComparer.Ordinal);
        error = null;
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !int.TryParse(value.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > Most)
            {
                error = $"--replicas wants app-id=N with N from 1 to {Most}, not '{value}'.";
                return false;
            }

            counts[value[..equals]] = n;
        }

        return true;
    }

    public static Dictionary<string, int> Parse(IEnumerable<string>? values) =>
        TryParse(values, out var counts, out var error) ? counts : throw new ArgumentException(error, nameof(values));

    /// <summary>The name of the <paramref name="ordinal"/>-th (1-based) instance of an app.</summary>
    public static string InstanceName(string appId, int ordinal) =>
        ordinal == 1 ? appId : string.Create(CultureInfo.InvariantCulture, $"{appId}#{ordinal}");

    /// <summary>The app id of an instance name (app-id or app-id#N).</summary>
    public static string AppIdOf(string instance) =>
        instance.IndexOf('#', StringComparison.Ordinal) is var hash and > 0 ? instance[..hash] : instance;
}
