using Google.Protobuf;

namespace FbaMesh.OrderEnricher.Pipeline;

/// <summary>
/// How every subscriber here reads a Dapr delivery and answers it. The body is FbaMesh's protobuf JSON,
/// read with unknown fields ignored (a newer publisher must not make events unreadable); an unreadable or
/// unusable body reads as null. The answer is Dapr's {"status": "SUCCESS" | "RETRY" | "DROP"}.
/// </summary>
internal static class DeliveryReader
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <returns>The message, or null when the body is not one or <paramref name="usable"/> refuses it.</returns>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, Func<T, bool> usable, CancellationToken cancellationToken)
        where T : class, IMessage<T>, new()
    {
        try
        {
            using var reader = new StreamReader(request.Body);
            var message = Parser.Parse<T>(await reader.ReadToEndAsync(cancellationToken));
            return usable(message) ? message : null;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return null;
        }
    }

    public static IResult Answer(DeliveryDecision decision) => Results.Json(new
    {
        status = decision switch
        {
            DeliveryDecision.Success => "SUCCESS",
            DeliveryDecision.Retry => "RETRY",
            _ => "DROP",
        },
    });
}
