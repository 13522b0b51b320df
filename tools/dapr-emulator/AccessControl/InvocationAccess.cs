namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>
/// The callee's side of a service invocation between emulated sidecars. The sidecars of one mesh live in
/// one process, so the calling sidecar hands the call to the callee's sidecar object together with its
/// own identity: nothing in the request (headers, metadata) says who calls, as mTLS says it for daprd.
/// </summary>
internal static class InvocationAccess
{
    private static readonly string[] IdentityHeaders = ["dapr-caller-app-id", "dapr-caller-namespace", "dapr-callee-app-id"];

    /// <summary>daprd's refusal message when the callee's access control list denies the call, else null.</summary>
    /// <param name="caller">The calling sidecar's identity; null for a call without one (see <see cref="AccessControlList.Allows"/>).</param>
    public static string? Refusal(this EmulatedSidecar callee, WorkloadIdentity? caller, string operation, string verb, bool isHttp) =>
        callee.AccessControl is not { } acl || acl.Allows(caller, operation, verb, isHttp)
            ? null
            : AccessControlList.Denial(caller, operation, verb);

    /// <summary>Replaces whatever caller and callee ids the app sent with the ones the sidecars know, as daprd does.</summary>
    public static void StampIdentities(HttpRequestMessage request, EmulatedSidecar caller, EmulatedSidecar callee)
    {
        foreach (var header in IdentityHeaders)
        {
            request.Headers.Remove(header);
        }

        request.Headers.TryAddWithoutValidation("dapr-caller-app-id", caller.AppId);
        request.Headers.TryAddWithoutValidation("dapr-caller-namespace", caller.Identity.Namespace);
        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", callee.AppId);
    }
}
