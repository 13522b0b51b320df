using System.Text.Json;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// The claims the verifier acts on. As with JSON.parse in the reference verifier, a repeated claim
/// keeps its last value; a time claim that is present must be a number.
/// </summary>
internal sealed record TokenClaims(double? IssuedAt, double? Expires, double? NotBefore, string? Hmac, string? TenantIdentifier)
{
    public static TokenClaims? TryRead(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var claims = new TokenClaims(null, null, null, null, null);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                claims = name switch
                {
                    "exp" => claims with { Expires = NumericDate(ref reader) },
                    "nbf" => claims with { NotBefore = NumericDate(ref reader) },
                    "iat" => claims with { IssuedAt = NumericDate(ref reader) },
                    "hmac" => claims with { Hmac = reader.TokenType == JsonTokenType.String ? reader.GetString() : null },
                    "tenantIdentifier" => claims with { TenantIdentifier = reader.TokenType == JsonTokenType.String ? reader.GetString() : null },
                    _ => claims,
                };
                reader.Skip();
            }

            return claims;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static double NumericDate(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException("A NumericDate claim is not a number.");
}
