namespace FbaMesh.OrderEnricher.Orders;

/// <summary>Stable kebab-case reasons recorded in order state and fulfillment.failed; operators alert on them.</summary>
internal static class ReasonCodes
{
    // Mapping (permanent).
    public const string InvalidOrderId = "invalid-order-id";
    public const string NoOrderDate = "no-order-date";
    public const string InvalidShippingSpeed = "invalid-shipping-speed";
    public const string NoShippingAddress = "no-shipping-address";
    public const string NoRecipientName = "no-recipient-name";
    public const string NoStreet = "no-street";
    public const string NoPostalCode = "no-postal-code";
    public const string InvalidCountry = "invalid-country";
    public const string InvalidSku = "invalid-sku";
    public const string TooManyUnits = "too-many-units";
    public const string NoFbaItems = "no-fba-items";

    // Crystallize.
    public const string OrderNotFound = "order-not-found";
    public const string CrystallizeUnavailable = "crystallize-unavailable";
    public const string CrystallizeRejected = "crystallize-rejected";
    public const string CrystallizeGraphQlError = "crystallize-graphql-error";
    public const string CrystallizeInvalidAnswer = "crystallize-invalid-answer";

    // Submitter / Amazon.
    public const string AmazonRejected = "amazon-rejected";
    public const string AmazonPermissionDenied = "amazon-permission-denied";
    public const string AmazonUnauthenticated = "amazon-unauthenticated";
    public const string AmazonPreconditionFailed = "amazon-precondition-failed";
    public const string SubmitFailed = "submit-failed";
    public const string SubmitterUnavailable = "submitter-unavailable";

    // Pub/sub.
    public const string EventPublishFailed = "event-publish-failed";
    public const string SubmitRetriesExhausted = "submit-retries-exhausted";

    // Fault horizon.
    public const string GaveUpAfterHorizon = "gave-up-after-horizon";
    public const string DeadLettered = "dead-lettered";
    public const string DeliveryBudgetExceeded = "delivery-budget-exceeded";
}
