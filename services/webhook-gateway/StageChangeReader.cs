using System.Text.Json;
using FbaMesh.Contracts;

namespace FbaMesh.WebhookGateway;

/// <summary>A pipeline and the stage the order stands in there.</summary>
internal sealed record PipelineStage(string PipelineId, string StageId);

/// <summary>
/// Reads a pipeline-stage-changed payload as the attached query (docs/webhook-gateway.md) returns it:
/// <c>{"order":{"id":"…","pipelines":[{"pipelineId":"…","stageId":"…"}]}}</c>, every pipeline the order
/// stands in with its stage. Ids are Crystallize ids or slugs: letters, digits, '-' and '_'.
/// </summary>
internal static class StageChangeReader
{
    public const int MaxIdLength = 64;
    public const int MaxPipelines = 50;

    public static (string? OrderId, IReadOnlyList<PipelineStage> Stages, WebhookRejection? Rejection) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("order", out var order) || order.ValueKind != JsonValueKind.Object
            || !order.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return (null, [], WebhookRejection.MissingStageOrderId());
        }

        if (id.ValueKind != JsonValueKind.String || !OrderId.IsValid(id.GetString()))
        {
            return (null, [], WebhookRejection.InvalidOrderId("order.id"));
        }

        var orderId = id.GetString()!;
        if (!order.TryGetProperty("pipelines", out var pipelines) || pipelines.ValueKind != JsonValueKind.Array)
        {
            return (orderId, [], WebhookRejection.MissingPipelines());
        }

        if (pipelines.GetArrayLength() > MaxPipelines)
        {
            return (orderId, [], WebhookRejection.InvalidPipelines($"order.pipelines holds more than {MaxPipelines} entries."));
        }

        var stages = new List<PipelineStage>();
        var index = 0;
        foreach (var entry in pipelines.EnumerateArray())
        {
            var pipelineId = Id(entry, "pipelineId");
            var stageId = Id(entry, "stageId");
            if (pipelineId is null || stageId is null)
            {
                return (orderId, [], WebhookRejection.InvalidPipelines(
                    $"order.pipelines[{index}] needs pipelineId and stageId: 1 to {MaxIdLength} letters, digits, '-' or '_'."));
            }

            var stage = new PipelineStage(pipelineId, stageId);
            if (!stages.Contains(stage))
            {
                stages.Add(stage);
            }

            index++;
        }

        return (orderId, stages, null);
    }

    private static string? Id(JsonElement entry, string name) =>
        entry.ValueKind == JsonValueKind.Object
        && entry.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && IsId(value.GetString()!)
            ? value.GetString()
            : null;

    public static bool IsId(string value) =>
        value.Length is > 0 and <= MaxIdLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
