using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Bindings;

/// <summary>
/// bindings.aws.sqs's Read (components-contrib bindings/aws/sqs/sqs.go): receive one message at a time,
/// hand its body to the app with no metadata, and delete it only when the app handled it (2xx). A
/// failed or refused delivery leaves the message to reappear when its visibility timeout ends, for
/// whichever sidecar of the queue receives next. The binding's 50 ms pause between receives, an API
/// courtesy towards AWS, is left out.
/// </summary>
internal sealed partial class QueueReader(EmulatedSidecar sidecar, InputBinding binding, EmulatedQueue queue, BindingDelivery delivery, ILogger logger)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var message = await queue.ReceiveAsync(sidecar.Options.QueueVisibilityTimeout, ct);
            if (await delivery.DeliverAsync(sidecar, binding, message.Body, NoMetadata, message.Id, ct))
            {
                if (!queue.Delete(message, sidecar.AppId))
                {
                    LogStaleReceipt(logger, message.Id, binding.Name, sidecar.AppId);
                }
            }
            else
            {
                LogLeftInQueue(logger, message.Id, binding.Name, sidecar.AppId, message.ReceiveCount, sidecar.Options.QueueVisibilityTimeout);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Message {Id} of binding {Binding} was handled by {AppId} after its visibility timeout; it was received again and stays (at-least-once).")]
    private static partial void LogStaleReceipt(ILogger logger, string id, string binding, string appId);

    [LoggerMessage(LogLevel.Information, "Message {Id} of binding {Binding} not handled by {AppId} (receive {ReceiveCount}); visible again after {VisibilityTimeout}.")]
    private static partial void LogLeftInQueue(ILogger logger, string id, string binding, string appId, int receiveCount, TimeSpan visibilityTimeout);
}
