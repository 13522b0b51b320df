namespace FbaMesh.OrderEnricher.Commands;

/// <summary>Configuration section "Commands": which (pipeline, stage) pairs mean which command.</summary>
internal sealed class CommandOptions
{
    public const string SectionName = "Commands";

    /// <summary>E.g. Commands:Stages:0:PipelineId=fba, …:StageId=cancel, …:Command=Cancel. Unlisted stages are ignored.</summary>
    public List<StageMapping> Stages { get; set; } = [];

    /// <summary>
    /// How long a command's hold on a final order keeps a redelivered stage event away; an older hold is
    /// taken over (its holder is presumed gone), which is safe because Amazon answers a repeat as already done.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one delivery's claim to tell the shop a cancel's outcome keeps other deliveries from telling it
    /// too. Longer than the Core API's whole budget for the meta write (CrystallizeCoreApi:TotalTimeout, 30 s)
    /// plus the too-late event, so a live writer is not overtaken; an older claim is taken over, which at worst
    /// writes the same meta value again (Crystallize keeps it) and publishes the event under the same id.
    /// </summary>
    public TimeSpan ReportLease { get; set; } = TimeSpan.FromMinutes(1);

    public StageCommand? CommandFor(string pipelineId, string stageId) =>
        Stages.FirstOrDefault(s => s.PipelineId == pipelineId && s.StageId == stageId)?.Command;
}

/// <summary>One configured pair and its command.</summary>
internal sealed class StageMapping
{
    public string PipelineId { get; set; } = "";

    public string StageId { get; set; } = "";

    public StageCommand Command { get; set; }
}

/// <summary>When an order goes to Amazon.</summary>
internal enum SubmitMoment
{
    /// <summary>As soon as the order-created webhook arrives (the default).</summary>
    Created,

    /// <summary>When the shop moves the order into a stage mapped to Submit (payment or fraud checked first).</summary>
    Stage,
}

/// <summary>Configuration section "Lifecycle".</summary>
internal sealed class LifecycleOptions
{
    public const string SectionName = "Lifecycle";

    public SubmitMoment SubmitOn { get; set; } = SubmitMoment.Created;
}

/// <summary>The preview switch in configuration section "Fulfillment" (beside the mapping's settings).</summary>
internal sealed class PreviewOptions
{
    public const string SectionName = "Fulfillment";

    /// <summary>Ask Amazon's getFulfillmentPreview before the create; not fulfillable → Failed not-fulfillable.</summary>
    public bool PreviewBeforeCreate { get; set; }
}
