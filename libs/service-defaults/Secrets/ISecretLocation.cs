namespace FbaMesh.ServiceDefaults.Secrets;

/// <summary>The settings every service's options carry for one secret it reads.</summary>
public interface ISecretLocation
{
    string SecretStore { get; }

    string SecretName { get; }

    TimeSpan SecretRefreshInterval { get; }

    TimeSpan SecretRetryInterval { get; }
}
