using FbaMesh.OrderEnricher.Tests.Mesh;

namespace FbaMesh.OrderEnricher.Tests.Api;

/// <summary>The mesh with a low retry cap, so a test reaches it in two retries.</summary>
public sealed class OperatorApiFixture : MeshFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OperatorApi:MaxRetriesPerOrder"] = "2" };
}
