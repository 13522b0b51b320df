using System.Net;
using System.Text.Json;
using FbaMesh.FbaSubmitter.Configuration;
using FbaMesh.FbaSubmitter.Credentials;
using FbaMesh.FbaSubmitter.Failures;
using FbaMesh.FbaSubmitter.Observability;
using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>An LWA access token and the credentials it was minted from (a rotated secret retires it).</summary>
internal sealed record AccessToken(string Value, DateTimeOffset RefreshAfter, SpApiCredentials MintedFrom)
{
    public override string ToString() => $"AccessToken {{ refresh after {RefreshAfter:O} }}";
}

/// <summary>
/// Exchanges the refresh token for an access token and caches it until TokenRefreshMargin before it
/// expires. Concurrent callers share one exchange, so a burst of submits makes one call to LWA.
/// </summary>
internal sealed partial class LwaTokenClient(
    IHttpClientFactory httpClients,
    SecretReader<SpApiCredentials> credentials,
    IOptions<SpApiOptions> options,
    TimeProvider time,
    SubmitterMetrics metrics,
    ILogger<LwaTokenClient> logger)
{
    public const string HttpClientName = "lwa";

    private readonly Lock gate = new();
    private AccessToken? cached;
    private Task<AccessToken>? refreshing;

    public async Task<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        var current = credentials.Current ?? throw new SpApiFailure(
            global::Grpc.Core.StatusCode.FailedPrecondition, CredentialsMissingMessage(credentials.Problem))
        {
            Reason = FailureReasons.CredentialsNotLoaded,
            RetryAfter = options.Value.SecretRetryInterval,
        };
        Task<AccessToken> refresh;
        lock (gate)
        {
            if (cached is { } token && token.MintedFrom == current && time.GetUtcNow() < token.RefreshAfter)
            {
                return token;
            }

            refresh = refreshing ??= RefreshAsync(current);
        }

        // The exchange itself is not bound to this caller: others may be waiting on it.
        return await refresh.WaitAsync(cancellationToken);
    }

    /// <summary>Drops a token Amazon refused, unless another caller already replaced it.</summary>
    public void Invalidate(AccessToken stale)
    {
        lock (gate)
        {
            if (ReferenceEquals(cached, stale))
            {
                cached = null;
            }
        }
    }

    internal static string CredentialsMissingMessage(string? problem) =>
        $"SP-API credentials are not loaded: {problem ?? "unknown reason"} The submitter retries reading the secret in the background.";

    private async Task<AccessToken> RefreshAsync(SpApiCredentials from)
    {
        // Never complete synchronously inside the lock that publishes this task.
        await Task.Yield();
        try
        {
            var token = await ExchangeAsync(from);
            lock (gate)
            {
                cached = token;
            }

            metrics.TokenRefresh("success");
            return token;
        }
        catch (LwaRefusedException)
        {
            metrics.TokenRefresh("refused");
            throw;
        }
        catch (Exception)
        {
            metrics.TokenRefresh("failed");
            throw;
        }
        finally
        {
            lock (gate)
            {
                refreshing = null;
            }
        }
    }

    private async Task<AccessToken> ExchangeAsync(SpApiCredentials from)
    {
        var o = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = from.RefreshToken,
            ["client_id"] = from.LwaClientId,
            ["client_secret"] = from.LwaClientSecret,
        });
        using var timeout = new CancellationTokenSource(o.AttemptTimeout, time);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).PostAsync(o.TokenEndpoint, form, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            throw new LwaUnavailableException($"Login with Amazon did not answer ({ex.GetType().Name}).", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return Parse(body, from, o.TokenRefreshMargin);
            }

            var error = LwaError.Parse(body);
            if (error.Code is "invalid_grant" or "invalid_client" or "unauthorized_client")
            {
                LogRefused(error.Code, (int)response.StatusCode);
                throw new LwaRefusedException(LwaError.OperatorMessage(error));
            }

            throw new LwaUnavailableException($"Login with Amazon answered HTTP {(int)response.StatusCode}{(error.Code is null ? "" : $" ({error.Code})")}.");
        }
    }

    private AccessToken Parse(string body, SpApiCredentials from, TimeSpan margin)
    {
        LwaTokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, AmazonJsonContext.Default.LwaTokenResponse);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed?.AccessToken is not { Length: > 0 } value || parsed.ExpiresIn <= 0)
        {
            throw new LwaUnavailableException("Login with Amazon answered 200 without an access_token and expires_in.");
        }

        // A margin longer than the lifetime would make every call refresh; keep at least half the lifetime.
        var lifetime = TimeSpan.FromSeconds(parsed.ExpiresIn);
        var usable = lifetime - margin > lifetime / 2 ? lifetime - margin : lifetime / 2;
        return new AccessToken(value, time.GetUtcNow() + usable, from);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Login with Amazon refused the SP-API credentials: {LwaError} (HTTP {Status})")]
    private partial void LogRefused(string lwaError, int status);
}
