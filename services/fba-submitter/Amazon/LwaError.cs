using System.Text.Json;
using System.Text.Json.Serialization;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>The OAuth error an LWA refusal carries, and what the operator must change for each.</summary>
internal sealed record LwaError(
    [property: JsonPropertyName("error")] string? Code,
    [property: JsonPropertyName("error_description")] string? Description)
{
    public static LwaError Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, AmazonJsonContext.Default.LwaError) ?? new LwaError(null, null);
        }
        catch (JsonException)
        {
            return new LwaError(null, null);
        }
    }

    public static string OperatorMessage(LwaError error) => error.Code switch
    {
        "invalid_grant" => "Login with Amazon refused the refresh token (invalid_grant): the refresh token was revoked or " +
            "belongs to another app: update sp-api:refreshToken in the secret store (authorize the app again in Seller Central).",
        "invalid_client" => "Login with Amazon refused the app's client credentials (invalid_client): " +
            "update sp-api:lwaClientId and sp-api:lwaClientSecret in the secret store from the app's LWA credentials.",
        _ => $"Login with Amazon refused the SP-API credentials ({error.Code}): check sp-api:lwaClientId, " +
            "sp-api:lwaClientSecret and sp-api:refreshToken in the secret store.",
    };
}

internal sealed record LwaTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType);
