using System.Text.Json;

namespace FbaMesh.Crystallize.Signing;

/// <summary>Reads the JOSE header: the algorithm must be exactly HS256, never chosen by the token.</summary>
internal static class TokenHeader
{
    public static SignatureFailure Check(ReadOnlySpan<byte> header)
    {
        try
        {
            var reader = new Utf8JsonReader(header);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return SignatureFailure.Malformed;
            }

            string? algorithm = null;
            var algorithms = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("crit"u8))
                {
                    // Critical extensions would change how the token must be read; none are understood.
                    return SignatureFailure.Malformed;
                }

                var isAlgorithm = reader.ValueTextEquals("alg"u8);
                reader.Read();
                if (isAlgorithm)
                {
                    algorithms++;
                    algorithm = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return algorithms != 1 ? SignatureFailure.Malformed
                : algorithm == "HS256" ? SignatureFailure.None
                : SignatureFailure.UnsupportedAlgorithm;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return SignatureFailure.Malformed;
        }
    }
}
