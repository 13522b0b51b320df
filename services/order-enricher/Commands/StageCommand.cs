using System.Text.Json.Serialization;

namespace FbaMesh.OrderEnricher.Commands;

/// <summary>What entering a configured (pipeline, stage) means.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageCommand>))]
internal enum StageCommand
{
    /// <summary>cancelFulfillmentOrder; Amazon allows it only while the order is Received or Planning.</summary>
    Cancel,

    /// <summary>updateFulfillmentOrder with fulfillmentAction Ship, for an order created with Hold.</summary>
    Release,

    /// <summary>Send the order to Amazon now (Lifecycle:SubmitOn = stage).</summary>
    Submit,
}

/// <summary>The names a command's steps are recorded under in the order's history.</summary>
internal static class CommandNames
{
    public const string Cancel = "cancel";
    public const string Release = "release";
    public const string Submit = "submit";
    public const string Preview = "preview";

    public static string Of(StageCommand command) => command switch
    {
        StageCommand.Cancel => Cancel,
        StageCommand.Release => Release,
        _ => Submit,
    };
}
