namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>
/// The SPIFFE id a sidecar presents to the sidecars it calls (spiffe://trust-domain/ns/namespace/app-id).
/// daprd gets it from Sentry with its mTLS certificate; an emulated sidecar has it from its own options
/// and Configuration, never from a request.
/// </summary>
internal sealed record WorkloadIdentity(string TrustDomain, string Namespace, string AppId)
{
    public override string ToString() => $"spiffe://{TrustDomain}/ns/{Namespace}/{AppId}";
}
