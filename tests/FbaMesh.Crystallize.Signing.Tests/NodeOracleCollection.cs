using FbaMesh.Testing;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>One <see cref="NodeOracle"/> (one install check) for every test class that asks JavaScript.</summary>
[CollectionDefinition(Name)]
public sealed class NodeOracleCollection : ICollectionFixture<NodeOracle>
{
    public const string Name = "Node.js oracle";
}
