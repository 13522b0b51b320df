namespace FbaMesh.FbaSubmitter.Credentials;

/// <summary>The LWA client and the seller's refresh token. ToString never shows a value.</summary>
internal sealed record SpApiCredentials(string LwaClientId, string LwaClientSecret, string RefreshToken)
{
    public override string ToString() => "SpApiCredentials { values redacted }";
}
