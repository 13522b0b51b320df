namespace FbaMesh.WebhookGateway;

/// <summary>
/// Why a webhook was not accepted: a stable kebab-case code (the problem's type ends with it and the
/// metric's reason tag is it), the HTTP status Crystallize sees, and a message safe to show the sender.
/// </summary>
internal sealed record WebhookRejection(string Code, int Status, string Title, string Detail)
{
    public const string TypePrefix = "urn:fbamesh:problem:webhook:";
    public const string PublishFailedCode = "publish-failed";

    public string Type => TypePrefix + Code;

    public static WebhookRejection UnsupportedMediaType(string? contentType) => new(
        "unsupported-media-type", StatusCodes.Status415UnsupportedMediaType, "The body must be JSON",
        $"Content-Type must be application/json (UTF-8); got '{Printable(contentType)}'.");

    public static WebhookRejection BodyTooLarge(long limit) => new(
        "body-too-large", StatusCodes.Status413PayloadTooLarge, "The body is too large",
        $"A webhook body may be at most {limit} bytes.");

    public static WebhookRejection InvalidUtf8() => new(
        "invalid-utf8", StatusCodes.Status400BadRequest, "The body is not UTF-8", "The body holds bytes that are not valid UTF-8.");

    public static WebhookRejection MalformedJson(string detail) => new(
        "malformed-json", StatusCodes.Status400BadRequest, "The body is not valid JSON", detail);

    public static WebhookRejection MissingOrderId() => new(
        "missing-order-id", StatusCodes.Status400BadRequest, "No order id",
        "Expected the order id at order.get.id (GraphQL query attached), id or orderId.");

    public static WebhookRejection InvalidOrderId(string at) => new(
        "invalid-order-id", StatusCodes.Status400BadRequest, "Invalid order id",
        $"The value at {at} is not a Crystallize order id (24 lowercase hexadecimal characters).");

    public static WebhookRejection MissingStageOrderId() => new(
        "missing-order-id", StatusCodes.Status400BadRequest, "No order id",
        "Expected the order id at order.id (attach the pipeline-stage-changed query from docs/webhook-gateway.md).");

    public static WebhookRejection MissingPipelines() => new(
        "missing-pipelines", StatusCodes.Status400BadRequest, "No pipeline stages",
        "Expected order.pipelines, a list of {pipelineId, stageId} (attach the pipeline-stage-changed query from docs/webhook-gateway.md).");

    public static WebhookRejection InvalidPipelines(string detail) => new(
        "invalid-pipelines", StatusCodes.Status400BadRequest, "Invalid pipeline stages", detail);

    public static WebhookRejection Signature(string code, string detail) => new(
        code, StatusCodes.Status401Unauthorized, "The webhook signature was not accepted", detail);

    public static WebhookRejection SecretUnavailable() => new(
        "signature-secret-unavailable", StatusCodes.Status503ServiceUnavailable, "Cannot verify webhooks right now",
        "The signature secret could not be read from the secret store; retry later.");

    public static WebhookRejection PublishFailed() => new(
        PublishFailedCode, StatusCodes.Status503ServiceUnavailable, "The order could not be queued",
        "The Dapr sidecar did not accept the event; retry later.");

    public static WebhookRejection Busy() => new(
        "too-many-concurrent-webhooks", StatusCodes.Status503ServiceUnavailable, "Too many webhooks at once",
        "The gateway is handling as many webhooks as it allows at once; retry later.");

    public static WebhookRejection BadRequest(int status, string detail) => new(
        "bad-request", status, "The request could not be read", detail);

    // A header value is echoed back, so keep it short and printable.
    private static string Printable(string? value) =>
        value is null ? "(none)" : new string([.. value.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
}
