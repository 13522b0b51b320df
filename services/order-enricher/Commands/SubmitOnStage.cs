using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>
/// Lifecycle:SubmitOn = stage: the order-created webhook only records the order as waiting for its stage
/// (<see cref="CreateGuard"/>); entering a stage mapped to Submit records that and runs the create now.
/// </summary>
internal sealed partial class SubmitOnStage(
    CommandStateWrites writes, OrderPipeline pipeline, TimeProvider time, ILogger<SubmitOnStage> logger)
{
    public async Task<DeliveryDecision> HandleAsync(string orderId, CommandEntry asked, SubmitMoment submitOn, CancellationToken cancellationToken)
    {
        var (step, _) = await writes.UpdateAsync(orderId, current =>
        {
            var now = time.GetUtcNow();
            var step = CommandDecisions.Submit(current, submitOn);
            if (step != SubmitStep.Submit)
            {
                return ((OrderState?)null, step);
            }

            var reached = (current?.Commands ?? OrderCommands.None).With(asked with { At = now, Outcome = "stage-reached" }) with { SubmitStageReachedAt = now };
            var next = current is null
                ? new OrderState { OrderId = orderId, Status = OrderStatus.Received, ReceivedAt = now, UpdatedAt = now, Commands = reached }
                : current with
                {
                    // Received again, so the create path claims it like any order on its way.
                    Status = OrderStatus.Received,
                    ReasonCode = null,
                    ReasonMessage = null,
                    UpdatedAt = now,
                    Commands = reached,
                };
            return (next, step);
        }, cancellationToken);

        switch (step)
        {
            case SubmitStep.Submit:
                LogSubmitting(orderId);
                return await pipeline.HandleAsync(orderId, cancellationToken);
            case SubmitStep.SubmitsOnCreation:
                LogNoOp(orderId, "Lifecycle:SubmitOn is Created, so orders go to Amazon when they are created");
                return DeliveryDecision.Success;
            case SubmitStep.CancelledBefore:
                LogNoOp(orderId, "the shop cancelled it");
                return DeliveryDecision.Success;
            default:
                // Already on its way (or there): the create path, redeliveries included, takes it from here.
                LogNoOp(orderId, "it is already on its way to Amazon or done");
                return DeliveryDecision.Success;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} entered its submit stage: sending it to Amazon.")]
    private partial void LogSubmitting(string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: submit stage is a no-op: {Why}.")]
    private partial void LogNoOp(string orderId, string why);
}
