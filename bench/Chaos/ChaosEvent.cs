namespace FbaMesh.Bench.Chaos;

/// <summary>One thing the harness did to the mesh, at seconds since the run started.</summary>
public sealed record ChaosEvent(double AtSeconds, string Kind, string Target, string Detail);
