using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>
/// One delivery of orders.stage-changed: looks the (pipeline, stage) up in Commands:Stages and carries the
/// command out once, however often the event comes. Unmapped stages are ignored with a log line.
/// </summary>
internal sealed partial class StageChangeHandler(
    IOptionsMonitor<CommandOptions> options,
    IOptions<LifecycleOptions> lifecycle,
    CancelCommand cancel,
    ReleaseCommand release,
    SubmitOnStage submit,
    ILogger<StageChangeHandler> logger)
{
    public async Task<DeliveryDecision> HandleAsync(string orderId, string pipelineId, string stageId, CancellationToken cancellationToken)
    {
        var command = options.CurrentValue.CommandFor(pipelineId, stageId);
        if (command is null)
        {
            LogUnmapped(orderId, pipelineId, stageId);
            return DeliveryDecision.Success;
        }

        var asked = new CommandEntry(default, CommandNames.Of(command.Value), "", pipelineId, stageId);
        return command switch
        {
            StageCommand.Cancel => await cancel.HandleAsync(orderId, asked, cancellationToken),
            StageCommand.Release => await release.HandleAsync(orderId, asked, cancellationToken),
            _ => await submit.HandleAsync(orderId, asked, lifecycle.Value.SubmitOn, cancellationToken),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} entered stage {StageId} of pipeline {PipelineId}: no command is configured for it; ignored.")]
    private partial void LogUnmapped(string orderId, string pipelineId, string stageId);
}
