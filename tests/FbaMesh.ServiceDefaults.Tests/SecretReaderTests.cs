using FbaMesh.ServiceDefaults.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FbaMesh.ServiceDefaults.Tests;

public sealed class SecretReaderTests
{
    private static readonly SecretReaderSettings Settings = new(
        "fbamesh-secrets", "operator", RefreshInterval: TimeSpan.FromMinutes(5), RetryInterval: TimeSpan.FromSeconds(15), ReadTimeout: TimeSpan.FromSeconds(10));

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-27T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CountingSource store = new("first");

    private SecretReader<TokenValue> Reader(ISecretSource? source = null) =>
        new(source ?? this.store, new TokenDefinition(), time, NullLogger<SecretReader<TokenValue>>.Instance);

    [Fact]
    public async Task Reads_once_and_serves_from_memory_until_the_refresh_interval()
    {
        var reader = Reader();

        var value = await reader.GetAsync(default);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => reader.GetAsync(default)));
        time.Advance(TimeSpan.FromMinutes(4));
        await reader.GetAsync(default);

        Assert.Equal("first", value.Token);
        Assert.Equal(1, this.store.Reads);
        Assert.Null(reader.Problem);
    }

    [Fact]
    public async Task The_first_value_is_awaited_until_a_read_brings_one_and_the_clock_need_not_move()
    {
        this.store.Failing = true;
        var reader = Reader();
        var first = reader.FirstValueAsync(CancellationToken.None);
        await Assert.ThrowsAsync<SecretUnavailableException>(() => reader.GetAsync(default));
        Assert.False(first.IsCompleted);

        // A forced read (the retry interval has not passed, and the clock stands still) brings the first value.
        this.store.Failing = false;
        Assert.Equal("first", (await reader.RefreshNowAsync(new TokenValue("none"), default))?.Token);

        Assert.Equal("first", (await first.WaitAsync(TimeSpan.FromSeconds(30))).Token);
        Assert.Same(reader.Current, await reader.FirstValueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_rotated_value_is_picked_up_after_the_refresh_interval()
    {
        var reader = Reader();
        await reader.GetAsync(default);
        this.store.Token = "second";

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("second", (await reader.GetAsync(default)).Token);
        Assert.Equal(2, this.store.Reads);
    }

    [Fact]
    public async Task A_forced_refresh_reads_at_most_once_per_retry_interval()
    {
        var reader = Reader();
        var used = await reader.GetAsync(default);
        this.store.Token = "second";

        var rotated = await reader.RefreshNowAsync(used, default);
        var flood = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => reader.RefreshNowAsync(used, default)));

        Assert.Equal("second", rotated?.Token);
        Assert.All(flood, Assert.Null);
        Assert.Equal(2, this.store.Reads);

        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(await reader.RefreshNowAsync(rotated!, default)); // the same value: nothing new to try
        Assert.Equal(3, this.store.Reads);
    }

    [Fact]
    public async Task A_failing_store_keeps_the_last_good_value_and_is_asked_again_only_after_the_retry_interval()
    {
        var reader = Reader();
        await reader.GetAsync(default);
        this.store.Failing = true;
        time.Advance(TimeSpan.FromMinutes(6));

        var stale = await reader.GetAsync(default);
        await reader.GetAsync(default);
        time.Advance(TimeSpan.FromSeconds(16));
        await reader.GetAsync(default);

        Assert.Equal("first", stale.Token);
        Assert.Equal("first", reader.Current?.Token);
        Assert.Equal(3, this.store.Reads);
        Assert.Contains("'operator'", reader.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_value_it_is_unavailable_and_does_not_hammer_the_store()
    {
        this.store.Failing = true;
        var reader = Reader();

        var first = await Assert.ThrowsAsync<SecretUnavailableException>(() => reader.GetAsync(default));
        for (var i = 0; i < 20; i++)
        {
            await Assert.ThrowsAsync<SecretUnavailableException>(() => reader.GetAsync(default));
        }

        Assert.Equal(1, this.store.Reads);
        Assert.False(first.Incomplete);
        Assert.Contains("secret 'operator'", first.Message, StringComparison.Ordinal);
        Assert.Contains("fbamesh-secrets", first.Message, StringComparison.Ordinal);
        this.store.Failing = false;
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("first", (await reader.GetAsync(default)).Token);
    }

    [Fact]
    public async Task A_secret_without_its_key_is_unavailable_as_incomplete_with_the_services_words()
    {
        this.store.Token = " ";
        var reader = Reader();

        var missing = await Assert.ThrowsAsync<SecretUnavailableException>(() => reader.GetAsync(default));

        Assert.True(missing.Incomplete);
        Assert.Equal("Secret 'operator' has no 'token'.", missing.Message);
        Assert.Null(reader.Current);
    }

    [Fact]
    public async Task A_read_that_hangs_fails_after_the_read_timeout_and_is_cancelled()
    {
        var hanging = new HangingSource();
        var reader = Reader(hanging);

        var first = reader.GetAsync(default);
        await hanging.Called.Task;
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<SecretUnavailableException>(() => first);
        Assert.Contains("no answer within 10 s", failure.Message, StringComparison.Ordinal);
        Assert.True(hanging.SawCancellation);
    }

    [Fact]
    public async Task Before_any_read_the_problem_says_the_secret_has_not_been_read_yet()
    {
        var reader = Reader();

        Assert.Null(reader.Current);
        Assert.Equal("Secret 'operator' has not been read yet from Dapr secret store 'fbamesh-secrets'.", reader.Problem);
        await reader.GetAsync(default);
        Assert.Null(reader.Problem);
    }

    private sealed record TokenValue(string Token);

    private sealed class TokenDefinition : ISecretDefinition<TokenValue>
    {
        public SecretReaderSettings Settings => SecretReaderTests.Settings;

        public SecretParse<TokenValue> Parse(IReadOnlyDictionary<string, string> keys) =>
            keys.TryGetValue("token", out var token) && !string.IsNullOrWhiteSpace(token)
                ? SecretParse<TokenValue>.Found(new TokenValue(token))
                : SecretParse<TokenValue>.Missing("Secret 'operator' has no 'token'.");
    }

    private sealed class CountingSource(string token) : ISecretSource
    {
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public volatile string Token = token;

        public volatile bool Failing;

        public Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            return Failing
                ? Task.FromException<IReadOnlyDictionary<string, string>>(new InvalidOperationException($"secret {name} not found in store {store}"))
                : Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["token"] = Token });
        }
    }

    private sealed class HangingSource : ISecretSource
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool SawCancellation { get; private set; }

        public async Task<IReadOnlyDictionary<string, string>> GetAsync(string store, string name, CancellationToken cancellationToken)
        {
            cancellationToken.Register(() => SawCancellation = true);
            Called.SetResult();
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
            return new Dictionary<string, string>();
        }
    }
}
