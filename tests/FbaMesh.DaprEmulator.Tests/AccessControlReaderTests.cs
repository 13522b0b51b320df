using FbaMesh.DaprEmulator.AccessControl;
using FbaMesh.DaprEmulator.Tests.Support;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>spec.accessControl read from a Configuration file, and what the emulator refuses at start, naming the file.</summary>
public sealed class AccessControlReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("acl-config-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Reads_daprds_field_names()
    {
        var spec = AccessControlReader.ReadConfiguration(Path.Combine(Sidecars.AppDirectory, "acl-http.yaml"))!;

        Assert.Equal("deny", spec.DefaultAction);
        Assert.Equal("public", spec.TrustDomain);
        var policy = Assert.Single(spec.Policies!);
        Assert.Equal(("caller", null, "public", "default"), (policy.AppId, policy.DefaultAction, policy.TrustDomain, policy.Namespace));
        var operation = Assert.Single(policy.Operations);
        Assert.Equal("/greeting/*", operation.Name);
        Assert.Equal(["GET"], operation.HttpVerbs);
        Assert.Equal("allow", operation.Action);
    }

    [Fact]
    public void A_configuration_without_access_control_has_none() =>
        Assert.Null(AccessControlReader.ReadConfiguration(Path.Combine(Sidecars.AppDirectory, "config.yaml")));

    [Theory]
    [InlineData("defaultAction: deny\n    policy: []", "spec.accessControl has the field 'policy'")]
    [InlineData("defaultAction: denied", "spec.accessControl has defaultAction 'denied', not allow or deny")]
    [InlineData("trustDomain: Not A Domain", "spec.accessControl has trustDomain 'Not A Domain'")]
    [InlineData("policies:\n      - appId: caller\n        trustDomain: public\n        namespace: default\n        operations:\n          - operation: /a\n            action: allow",
        "spec.accessControl.policies[0].operations[0] has the field 'operation'")]
    [InlineData("policies:\n      - appId: caller\n        trustDomain: public\n        namespace: default\n        operations:\n          - name: /a\n            action: alow",
        "spec.accessControl.policies[0].operations[0] has action 'alow', not allow or deny")]
    [InlineData("policies:\n      - appId: caller\n        trustDomain: public\n        namespace: default\n        operations:\n          - name: /a",
        "spec.accessControl.policies[0].operations[0] ('/a') has no action")]
    [InlineData("policies:\n      - appId: caller\n        trustDomain: public\n        namespace: default\n        operations:\n          - name: /a\n            httpVerb: [post]\n            action: allow",
        "has httpVerb 'post'")]
    [InlineData("policies:\n      - appId: caller\n        trustDomain: public\n        operations: []", "missing namespace for apps: [caller]")]
    public async Task A_sidecar_refuses_to_start_on_an_invalid_access_control_naming_the_file(string accessControl, string reason)
    {
        var file = Path.Combine(folder, "bad.yaml");
        await File.WriteAllTextAsync(file, $"apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata:\n  name: bad\nspec:\n  accessControl:\n    {accessControl}\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Sidecars.StartAsync(Sidecars.For("callee") with { ConfigFile = file }));

        Assert.StartsWith(file + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_namespace_is_NAMESPACE_or_default_as_in_self_hosted_daprd() =>
        Assert.Equal(Environment.GetEnvironmentVariable("NAMESPACE") ?? "default", new SidecarOptions("any").Namespace);
}
