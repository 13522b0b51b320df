namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>The action of one operation rule: per HTTP verb ("*" for any) and, for gRPC calls, one for all.</summary>
internal sealed record OperationAction(string OperationName, IReadOnlyDictionary<string, string> VerbActions, string Action);
