namespace FbaMesh.ServiceDefaults;

/// <summary>
/// Endpoint metadata: this endpoint answers callers without the app API token (see <see cref="AppApiToken"/>).
/// Every endpoint without it requires the token whenever APP_API_TOKEN is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllowWithoutAppTokenAttribute : Attribute;
