using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>Whatever arrives, the canonicaliser answers or throws JsonException and the verifier gives a verdict.</summary>
public sealed class HostileInputTests
{
    private const int Seed = 4_242;

    [Theory]
    [InlineData("1e99999999999999999999")]
    [InlineData("-1e-99999999999999999999")]
    [InlineData("0e99999999999")]
    [InlineData("[1E+0000000000000000000000000308]")]
    public void Extreme_exponents_behave_as_doubles_do(string json)
    {
        var printed = JavaScriptJson.Stringify(Encoding.UTF8.GetBytes(json));

        Assert.Contains(printed, new[] { "null", "0", "[1e+308]" });
    }

    [Fact]
    public void A_megabyte_of_digits_is_one_number()
    {
        var json = Encoding.ASCII.GetBytes("[" + new string('7', 1 << 20) + "]");

        Assert.Equal("[null]", JavaScriptJson.Stringify(json));
    }

    [Fact]
    public void Mutated_and_random_bytes_never_escape_as_another_exception()
    {
        var random = new Random(Seed);
        var corpus = new JsonCorpus(Seed).Generate(1500);
        var verifier = new SignatureVerifier(new SignatureVerifierOptions(), new FakeTimeProvider());
        var token = new SignatureSigner("secret", new FakeTimeProvider()).CreateToken("https://x.test/", "POST", "{}"u8, new SignatureClaims("t", "acme", "u"));
        var outcomes = new Dictionary<string, int>();
        foreach (var text in corpus)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > 0)
            {
                // Flip, drop or insert a few bytes, sometimes outside ASCII.
                for (var edits = random.Next(1, 4); edits > 0; edits--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            var outcome = Outcome(bytes);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            var verdict = verifier.Verify(token, "secret", "https://x.test/", "POST", bytes);
            Assert.True(verdict.Failure is SignatureFailure.HmacMismatch or SignatureFailure.InvalidBody or SignatureFailure.None, verdict.Failure.ToString());
        }

        Assert.True(outcomes.ContainsKey("ok") && outcomes.ContainsKey("refused"), string.Join(", ", outcomes));
    }

    [Fact]
    public void Random_tokens_get_a_verdict_not_an_exception()
    {
        var random = new Random(Seed);
        var verifier = new SignatureVerifier(new SignatureVerifierOptions(), new FakeTimeProvider());
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \"{}";
        var genuine = new SignatureSigner("secret", new FakeTimeProvider()).CreateToken("https://x.test/", "POST", "{}"u8, new SignatureClaims("t", "acme", "u"));
        for (var i = 0; i < 2000; i++)
        {
            var token = i % 2 == 0
                ? new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())
                : string.Concat(genuine.AsSpan(0, random.Next(genuine.Length)), "A", genuine.AsSpan(random.Next(genuine.Length)));

            var verdict = verifier.Verify(token, "secret", "https://x.test/", "POST", "{}"u8);

            Assert.False(verdict.IsValid && token != genuine, token);
        }

        Assert.True(verifier.Verify(genuine, "secret", "https://x.test/", "POST", "{}"u8).IsValid);
    }

    private static string Outcome(byte[] bytes)
    {
        try
        {
            JavaScriptJson.Stringify(bytes);
            return "ok";
        }
        catch (JsonException)
        {
            return "refused";
        }
    }
}
