namespace FbaMesh.DevMesh.Processes;

/// <summary>What to run for one service: the command, where, and its environment on top of ours (null removes a variable).</summary>
internal sealed record ChildProcessSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment);
