namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>Login with Amazon refused the credentials: retrying cannot help until an operator changes the secret.</summary>
internal sealed class LwaRefusedException(string message) : Exception(message);

/// <summary>Login with Amazon could not be reached or answered 5xx/429: worth another try later.</summary>
internal sealed class LwaUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
