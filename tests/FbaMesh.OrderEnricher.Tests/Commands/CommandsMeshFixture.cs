using FbaMesh.OrderEnricher.Commands;
using FbaMesh.OrderEnricher.Tests.Mesh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FbaMesh.OrderEnricher.Tests.Commands;

/// <summary>
/// The enricher in its mesh with (fba, cancel) → cancel, (fba, release) → release, (fba, submit) → submit;
/// Amazon's command calls and the shop's meta writes replaced by recording fakes.
/// </summary>
public class CommandsMeshFixture : IAsyncLifetime
{
    public EnricherMesh Mesh { get; private set; } = null!;

    internal FakeAmazonCommands Amazon { get; } = new();

    internal RecordingShopFeedback Shop { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Commands:Stages:0:PipelineId"] = "fba",
            ["Commands:Stages:0:StageId"] = "cancel",
            ["Commands:Stages:0:Command"] = "Cancel",
            ["Commands:Stages:1:PipelineId"] = "fba",
            ["Commands:Stages:1:StageId"] = "release",
            ["Commands:Stages:1:Command"] = "Release",
            ["Commands:Stages:2:PipelineId"] = "fba",
            ["Commands:Stages:2:StageId"] = "submit",
            ["Commands:Stages:2:Command"] = "Submit",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Mesh = await EnricherMesh.StartAsync(settings, services: services =>
        {
            services.RemoveAll<IAmazonCommands>();
            services.AddSingleton<IAmazonCommands>(Amazon);
            services.RemoveAll<IShopFeedback>();
            services.AddSingleton<IShopFeedback>(Shop);
        });
    }

    public async Task DisposeAsync() => await Mesh.DisposeAsync();
}

/// <summary>As <see cref="CommandsMeshFixture"/>, submitting on the (fba, submit) stage and previewing before each create.</summary>
public sealed class SubmitOnStageMeshFixture : CommandsMeshFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Lifecycle:SubmitOn"] = "Stage",
        ["Fulfillment:PreviewBeforeCreate"] = "true",
    };
}
