namespace FbaMesh.SpApiEmulator;

/// <summary>operationIds of Amazon's fulfillment outbound 2020-07-01 model that the emulator serves.</summary>
public static class Operations
{
    public const string Create = "createFulfillmentOrder";
    public const string Get = "getFulfillmentOrder";
    public const string Cancel = "cancelFulfillmentOrder";
    public const string Preview = "getFulfillmentPreview";
    public const string ListAll = "listAllFulfillmentOrders";
    public const string Update = "updateFulfillmentOrder";
    public const string StatusUpdate = "submitFulfillmentOrderStatusUpdate";
    public const string Tracking = "getPackageTrackingDetails";

    public static IReadOnlyList<string> All { get; } = [Create, Get, Cancel, Preview, ListAll, Update, StatusUpdate, Tracking];
}
