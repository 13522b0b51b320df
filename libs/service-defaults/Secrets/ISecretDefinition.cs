namespace FbaMesh.ServiceDefaults.Secrets;

/// <summary>
/// One secret as a service sees it: where it is, how often to read it, and what its keys mean. The
/// reading is shared (<see cref="SecretReader{T}"/>); the meaning of the keys stays in the service.
/// </summary>
public interface ISecretDefinition<T>
    where T : class
{
    SecretReaderSettings Settings { get; }

    SecretParse<T> Parse(IReadOnlyDictionary<string, string> keys);
}
