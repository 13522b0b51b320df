namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>
/// A callee's access control list, built and evaluated as daprd's pkg/acl does: the caller's SPIFFE id
/// picks the policy of its app id and namespace (if its trust domain matches); the policy's operation
/// rules, then its default action, then the global default action decide. Operations are matched
/// case-insensitively only when the callee's app speaks HTTP.
/// </summary>
internal sealed class AccessControlList
{
    public const string Allow = "allow";
    public const string Deny = "deny";
    public const string DefaultTrustDomain = "public";

    /// <summary>The HTTP verbs daprd's HTTPExtension knows; any other verb arrives as NONE.</summary>
    public static readonly IReadOnlySet<string> HttpVerbs =
        new HashSet<string>(StringComparer.Ordinal) { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" };

    /// <summary>The verb of a gRPC call, which has none.</summary>
    public const string NoVerb = "NONE";

    private readonly Dictionary<(string AppId, string Namespace), AppPolicy> policies;

    private AccessControlList(string defaultAction, string trustDomain, Dictionary<(string, string), AppPolicy> policies) =>
        (DefaultAction, TrustDomain, this.policies) = (defaultAction, trustDomain, policies);

    public string DefaultAction { get; }

    /// <summary>The trust domain of this app's own identity (Sentry issues it from the Configuration).</summary>
    public string TrustDomain { get; }

    /// <summary>
    /// As daprd's ParseAccessControlSpec: null (allow everything) when nothing is set; policies missing
    /// their app id, trust domain or namespace are refused in daprd's words.
    /// </summary>
    /// <param name="isHttp">The app behind this sidecar speaks HTTP: operation names are lower-cased.</param>
    public static AccessControlList? From(AccessControlSpec? spec, bool isHttp)
    {
        if (spec is null || (string.IsNullOrEmpty(spec.TrustDomain) && string.IsNullOrEmpty(spec.DefaultAction) && spec.Policies is not { Count: > 0 }))
        {
            return null;
        }

        // No global default: deny once any policy is given (or the list is absent), allow for an explicitly empty list.
        var defaultAction = string.IsNullOrEmpty(spec.DefaultAction)
            ? spec.Policies is { Count: 0 } ? Allow : Deny
            : spec.DefaultAction.ToLowerInvariant();
        var trustDomain = string.IsNullOrEmpty(spec.TrustDomain) ? DefaultTrustDomain : spec.TrustDomain;

        var missingTrustDomain = new List<string>();
        var missingNamespace = new List<string>();
        var missingAppId = false;
        var byApp = new Dictionary<(string, string), AppPolicy>();
        foreach (var policy in spec.Policies ?? [])
        {
            missingAppId |= string.IsNullOrEmpty(policy.AppId);
            if (string.IsNullOrEmpty(policy.TrustDomain))
            {
                missingTrustDomain.Add(policy.AppId ?? "");
            }

            if (string.IsNullOrEmpty(policy.Namespace))
            {
                missingNamespace.Add(policy.AppId ?? "");
            }

            if (missingAppId || string.IsNullOrEmpty(policy.TrustDomain) || string.IsNullOrEmpty(policy.Namespace))
            {
                continue;
            }

            var operations = new OperationTrie();
            foreach (var operation in policy.Operations)
            {
                var name = operation.Name.StartsWith('/') ? operation.Name : "/" + operation.Name;
                if (isHttp)
                {
                    name = name.ToLowerInvariant();
                }

                var verbs = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var verb in operation.HttpVerbs)
                {
                    verbs[verb] = operation.Action;
                }

                operations.Add(name, new OperationAction(name, verbs, operation.Action));
            }

            // A later policy for the same app id and namespace replaces an earlier one, as in daprd.
            byApp[(policy.AppId!, policy.Namespace!)] = new AppPolicy(policy.DefaultAction ?? "", policy.TrustDomain!, operations);
        }

        if (missingTrustDomain.Count > 0 || missingNamespace.Count > 0 || missingAppId)
        {
            throw new InvalidDataException(
                $"invalid access control spec. missing trustdomain for apps: [{string.Join(' ', missingTrustDomain)}], " +
                $"missing namespace for apps: [{string.Join(' ', missingNamespace)}], " +
                $"missing app name on at least one of the app policies: {(missingAppId ? "true" : "false")}");
        }

        return new AccessControlList(defaultAction, trustDomain, byApp);
    }

    /// <summary>
    /// Whether the caller may invoke the operation (already normalized, see <see cref="InvocationMethod"/>).
    /// A null caller is one without a SPIFFE id (in daprd: a call from the app to its own id): the global default decides.
    /// </summary>
    /// <param name="verb">The HTTP verb in capitals, or <see cref="NoVerb"/>.</param>
    /// <param name="isHttp">The call goes to an HTTP app (false for the gRPC proxy).</param>
    public bool Allows(WorkloadIdentity? caller, string operation, string verb, bool isHttp)
    {
        var action = DefaultAction;
        if (caller is null
            || !policies.TryGetValue((caller.AppId, caller.Namespace), out var policy)
            || policy.TrustDomain != caller.TrustDomain)
        {
            return IsAllow(action);
        }

        if (policy.DefaultAction.Length > 0)
        {
            action = policy.DefaultAction;
        }

        if (!operation.StartsWith('/'))
        {
            operation = "/" + operation;
        }

        if (isHttp)
        {
            operation = operation.ToLowerInvariant();
        }

        if (policy.Operations.Find(operation) is { } rule)
        {
            if (!isHttp)
            {
                action = rule.Action;
            }
            else if (verb == NoVerb)
            {
                action = policy.DefaultAction;
            }
            else if (rule.VerbActions.TryGetValue(verb, out var byVerb) || rule.VerbActions.TryGetValue("*", out byVerb))
            {
                action = byVerb;
            }
        }

        return IsAllow(action);
    }

    /// <summary>daprd's wording for a denied call; the caller is its SPIFFE id (empty without one).</summary>
    public static string Denial(WorkloadIdentity? caller, string operation, string verb) =>
        $"access control policy has denied access to id: {caller?.ToString() ?? ""} operation: {operation} verb: {verb}";

    /// <summary>A request's HTTP method as daprd's HTTPExtension verb: known verbs in capitals, anything else NONE.</summary>
    public static string VerbOf(string httpMethod)
    {
        var upper = httpMethod.ToUpperInvariant();
        return HttpVerbs.Contains(upper) ? upper : NoVerb;
    }

    private static bool IsAllow(string action) => string.Equals(action, Allow, StringComparison.OrdinalIgnoreCase);

    private sealed record AppPolicy(string DefaultAction, string TrustDomain, OperationTrie Operations);
}
