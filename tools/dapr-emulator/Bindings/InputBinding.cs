using FbaMesh.DaprEmulator.Resources;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// One binding component as daprd's binding processor sees it (dapr/dapr pkg/runtime/processor/binding):
/// where events go (`route` metadata, else /&lt;name&gt;), whether it reads at all (`direction`), and
/// whether it skips the OPTIONS probe (an explicit `direction` containing input).
/// </summary>
internal sealed record InputBinding(ComponentSpec Component, string Route, bool IsInput, bool SkipsProbe, CronSchedule? Schedule, string? QueueName)
{
    public const string CronType = "bindings.cron";
    public const string QueueType = "bindings.aws.sqs";

    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { CronType, QueueType };

    public string Name => Component.Name;

    public bool IsQueue => Component.Type == QueueType;

    /// <summary>The emulated queue: SQS names a queue by name within an account and region.</summary>
    public string? QueueKey => QueueName is null ? null : $"{Component.Value("region") ?? ""}/{QueueName}";

    /// <summary>Reads and checks a binding component; an invalid one fails the sidecar's start, as daprd's Init fails.</summary>
    public static InputBinding From(ComponentSpec component)
    {
        var where = $"{component.SourceFile}: component '{component.Name}'";
        // daprd: the path is the component name, replaced by the first `route` item (exact name).
        var route = component.Metadata.FirstOrDefault(m => m.Key == "route").Value is { Length: > 0 } r ? r : component.Name;
        var directions = component.Metadata
            .Where(m => string.Equals(m.Key, "direction", StringComparison.OrdinalIgnoreCase))
            .SelectMany(m => m.Value.Split(','))
            .Select(d => d.Trim().ToLowerInvariant())
            .ToList();
        var hasDirection = component.Metadata.Keys.Any(k => string.Equals(k, "direction", StringComparison.OrdinalIgnoreCase));
        var isInput = !hasDirection || directions.Contains("input");
        CronSchedule? schedule = null;
        string? queue = null;
        if (component.Type == CronType)
        {
            schedule = CronSchedule.Parse(component.Value("schedule") ?? "", where);
        }
        else if (component.Type == QueueType)
        {
            queue = component.Value("queueName") is { Length: > 0 } q
                ? q
                : throw new InvalidDataException($"{where}: bindings.aws.sqs needs metadata queueName.");
        }

        return new InputBinding(component, route, isInput, hasDirection && isInput, schedule, queue);
    }
}
