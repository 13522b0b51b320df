using FbaMesh.OrderEnricher.Api;
using FbaMesh.OrderEnricher.Console;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.OrderEnricher.Tests.Console;

/// <summary>The console's session cookie: valid until it expires, only for the token that signed it, and not forgeable.</summary>
public sealed class ConsoleSessionTests
{
    private static readonly OperatorCredential Token = new("test-operator-token-not-a-real-one");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_session_is_valid_until_it_expires_and_not_a_second_longer()
    {
        var cookie = ConsoleSession.Issue(Token, time.GetUtcNow().AddHours(8));

        Assert.True(ConsoleSession.IsValid(cookie, Token, time.GetUtcNow()));
        time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        Assert.True(ConsoleSession.IsValid(cookie, Token, time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(ConsoleSession.IsValid(cookie, Token, time.GetUtcNow()));
    }

    [Fact]
    public void A_rotated_operator_token_ends_every_session()
    {
        var cookie = ConsoleSession.Issue(Token, time.GetUtcNow().AddHours(8));

        Assert.False(ConsoleSession.IsValid(cookie, new OperatorCredential("the-next-operator-token"), time.GetUtcNow()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1900000000")]
    [InlineData("1900000000.")]
    [InlineData("1900000000.not-base64url!")]
    [InlineData(".abc")]
    [InlineData("-5.abc")]
    public void Garbage_is_no_session(string? cookie)
    {
        Assert.False(ConsoleSession.IsValid(cookie, Token, time.GetUtcNow()));
    }

    [Fact]
    public void A_later_expiry_with_the_old_signature_is_refused()
    {
        var cookie = ConsoleSession.Issue(Token, time.GetUtcNow().AddHours(1));
        var signature = cookie[(cookie.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var extended = time.GetUtcNow().AddDays(30).ToUnixTimeSeconds() + "." + signature;

        Assert.False(ConsoleSession.IsValid(extended, Token, time.GetUtcNow()));
    }
}
