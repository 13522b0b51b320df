namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>A Configuration's spec.accessControl as written (field names as in daprd's pkg/config).</summary>
/// <param name="Policies">Null when the field is absent, which daprd treats differently from an empty list.</param>
internal sealed record AccessControlSpec(string? DefaultAction, string? TrustDomain, IReadOnlyList<AppPolicySpec>? Policies);

/// <summary>One entry of spec.accessControl.policies: what one calling app may do.</summary>
internal sealed record AppPolicySpec(string? AppId, string? DefaultAction, string? TrustDomain, string? Namespace, IReadOnlyList<AppOperation> Operations);

/// <summary>One operation rule: its name (a path, wildcards allowed), the HTTP verbs it covers, and allow or deny.</summary>
internal sealed record AppOperation(string Name, IReadOnlyList<string> HttpVerbs, string Action);
