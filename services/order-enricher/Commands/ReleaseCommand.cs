using FbaMesh.OrderEnricher.Orders;
using FbaMesh.OrderEnricher.Pipeline;
using Microsoft.Extensions.Options;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>
/// The shop's release of a Hold order: updateFulfillmentOrder with fulfillmentAction Ship. An order that
/// is not on hold (created with Ship, already released, cancelled, not at Amazon) is left alone with a log line.
/// </summary>
internal sealed partial class ReleaseCommand(
    CommandStateWrites writes,
    IAmazonCommands amazon,
    IOptions<PipelineOptions> pipeline,
    IOptionsMonitor<CommandOptions> options,
    TimeProvider time,
    ILogger<ReleaseCommand> logger)
{
    public async Task<DeliveryDecision> HandleAsync(string orderId, CommandEntry asked, CancellationToken cancellationToken)
    {
        var by = Guid.NewGuid().ToString("N");
        var (step, leased) = await writes.UpdateAsync(orderId, current =>
        {
            var now = time.GetUtcNow();
            var step = CommandDecisions.Release(current, now, pipeline.Value.ClaimLease, options.CurrentValue.Lease);
            return step == ReleaseStep.ReleaseAtAmazon
                ? (current! with { Commands = current.Commands with { Running = new CommandLease(CommandNames.Release, by, now) } }, step)
                : ((OrderState?)null, step);
        }, cancellationToken);

        switch (step)
        {
            case ReleaseStep.ReleaseAtAmazon:
                return await ReleaseAtAmazonAsync(leased!, by, asked, cancellationToken);
            case ReleaseStep.WaitForCreate or ReleaseStep.Busy:
                // The create (or another release) is running: come back when it has finished.
                LogComeBack(orderId, step);
                return DeliveryDecision.Retry;
            default:
                LogNoOp(orderId, step, Explain(step));
                return DeliveryDecision.Success;
        }
    }

    private async Task<DeliveryDecision> ReleaseAtAmazonAsync(OrderState leased, string by, CommandEntry asked, CancellationToken cancellationToken)
    {
        var orderId = leased.OrderId;
        var answer = await amazon.ReleaseAsync(leased.SellerFulfillmentOrderId!, cancellationToken);
        var (_, written) = await writes.UpdateAsync(orderId, current =>
        {
            if (current?.Commands.Running?.By != by)
            {
                return ((OrderState?)null, false);
            }

            var now = time.GetUtcNow();
            var (outcome, detail) = Outcome(answer);
            var commands = current.Commands.With(asked with { At = now, Outcome = outcome, Detail = detail }) with { Running = null };
            commands = answer switch
            {
                ReleaseAnswer.Released => commands with { ReleasedAt = now, FulfillmentAction = CommandDecisions.ShipAction },
                ReleaseAnswer.NotOnHold => commands with { FulfillmentAction = CommandDecisions.ShipAction },
                _ => commands,
            };
            return (current with { Commands = commands, UpdatedAt = now }, true);
        }, cancellationToken);

        if (written is null)
        {
            return DeliveryDecision.Retry;
        }

        switch (answer)
        {
            case ReleaseAnswer.Released:
                LogReleased(orderId, leased.SellerFulfillmentOrderId!);
                return DeliveryDecision.Success;
            case ReleaseAnswer.Transient transient:
                LogTransient(orderId, transient.Message);
                return DeliveryDecision.Retry;
            case ReleaseAnswer.Refused refused:
                LogRefused(orderId, refused.ReasonCode, refused.Message);
                return DeliveryDecision.Success;
            default:
                LogNoOp(orderId, ReleaseStep.NotOnHold, answer is ReleaseAnswer.NotAtAmazon ? "Amazon holds no order with its id" : "Amazon says it is not on hold");
                return DeliveryDecision.Success;
        }
    }

    private static (string Outcome, string? Detail) Outcome(ReleaseAnswer answer) => answer switch
    {
        ReleaseAnswer.Released => ("released", null),
        ReleaseAnswer.NotOnHold => ("not-on-hold", null),
        ReleaseAnswer.NotAtAmazon => ("not-at-amazon", null),
        ReleaseAnswer.Refused r => ("refused", r.ReasonCode),
        _ => ("retry", null),
    };

    private static string Explain(ReleaseStep step) => step switch
    {
        ReleaseStep.AlreadyReleased => "it was released before",
        ReleaseStep.NotOnHold => "it was created with fulfillment action Ship, not Hold",
        ReleaseStep.CancelledBefore => "the shop cancelled it",
        _ => "it is not at Amazon (yet)",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: release is a no-op ({Step}): {Why}.")]
    private partial void LogNoOp(string orderId, ReleaseStep step, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: release waits ({Step}); asking for redelivery.")]
    private partial void LogComeBack(string orderId, ReleaseStep step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: released at Amazon ({SellerFulfillmentOrderId} now ships).")]
    private partial void LogReleased(string orderId, string sellerFulfillmentOrderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: release not possible now: {Message}")]
    private partial void LogTransient(string orderId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: Amazon refused the release ({ReasonCode}): {Message}")]
    private partial void LogRefused(string orderId, string reasonCode, string message);
}
