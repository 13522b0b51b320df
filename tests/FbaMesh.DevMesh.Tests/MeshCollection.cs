namespace FbaMesh.DevMesh.Tests;

/// <summary>Tests that start a whole mesh run one after another: each is three services on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class MeshCollection
{
    public const string Name = "whole mesh";
}
