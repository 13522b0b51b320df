using System.Globalization;
using FbaMesh.DaprEmulator.Resources;
using StackExchange.Redis;

namespace FbaMesh.DaprEmulator.Redis;

/// <summary>
/// One connection per Redis server the emulated components name (redisHost, redisUsername,
/// redisPassword, redisDB), shared by every sidecar of the process. As daprd's Init, the first use
/// pings the server and fails the sidecar's start with the address when it cannot be reached; later
/// outages are reconnected in the background.
/// </summary>
internal sealed class RedisConnections : IAsyncDisposable
{
    private readonly Dictionary<string, ConnectionMultiplexer> connections = new(StringComparer.Ordinal);

    public IDatabase Database(ComponentSpec component)
    {
        var where = $"{component.SourceFile}: component '{component.Name}'";
        var host = component.Value("redisHost");
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new InvalidDataException($"{where}: metadata 'redisHost' is required for {component.Type}.");
        }

        if (bool.TryParse(component.Value("enableTLS"), out var tls) && tls)
        {
            throw new NotSupportedException($"{where}: enableTLS is not implemented by the Dapr emulator; point it at a local redis-server without TLS.");
        }

        var db = 0;
        if (component.Value("redisDB") is { Length: > 0 } dbText && !int.TryParse(dbText, NumberStyles.None, CultureInfo.InvariantCulture, out db))
        {
            throw new InvalidDataException($"{where}: metadata 'redisDB' must be a whole number, not '{dbText}'.");
        }

        var user = component.Value("redisUsername") ?? "";
        var password = component.Value("redisPassword") ?? "";
        var key = string.Join('\n', host, user, password);
        lock (connections)
        {
            // Under the lock: sidecars start one by one, and a failed connect is not remembered (the next start tries again).
            if (!connections.TryGetValue(key, out var connection))
            {
                connections[key] = connection = Connect(host, user, password, where);
            }

            return connection.GetDatabase(db);
        }
    }

    private static ConnectionMultiplexer Connect(string host, string user, string password, string where)
    {
        var options = new ConfigurationOptions
        {
            // Keep reconnecting after an outage (a restarted redis-server) instead of failing every later call for good.
            AbortOnConnectFail = false,
            ConnectTimeout = 5000,
            SyncTimeout = 10000,
            AsyncTimeout = 10000,
            ClientName = "fbamesh-dapr-emulator",
        };
        options.EndPoints.Add(host);
        if (user.Length > 0)
        {
            options.User = user;
        }

        if (password.Length > 0)
        {
            options.Password = password;
        }

        var connection = ConnectionMultiplexer.Connect(options);
        try
        {
            connection.GetDatabase().Ping();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            connection.Dispose();
            // daprd: "redis streams: error connecting to redis at {host}"; the password never appears.
            throw new InvalidOperationException($"{where}: cannot reach Redis at {host}: {ex.GetType().Name}.", ex);
        }

        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        List<ConnectionMultiplexer> open;
        lock (connections)
        {
            open = [.. connections.Values];
            connections.Clear();
        }

        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }
}
