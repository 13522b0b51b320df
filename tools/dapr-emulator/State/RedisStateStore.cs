using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace FbaMesh.DaprEmulator.State;

/// <summary>
/// state.redis as components-contrib keeps it (state/redis/redis.go): each key is a hash with fields
/// <c>data</c> and <c>version</c>; the ETag is the version, which a write increments; the checks run in
/// daprd's own Lua scripts, so they are atomic per key in Redis. Its rules differ from state.in-memory
/// in ways the production path has: an ETag with last-write concurrency is ignored; a first-write
/// without an ETag only fails on a key that was itself written with first-write; a write refused
/// without an ETag is an INTERNAL error, not an ETag mismatch; and a transaction (MULTI/EXEC of the
/// scripts) is not rolled back: the operations whose checks pass are applied.
/// </summary>
internal sealed class RedisStateStore(string name, IDatabase redis) : IStateStore
{
    /// <summary>setDefaultQuery: ARGV[1] the expected version ("0": none), ARGV[2] the value, ARGV[3] "0" for first-write.</summary>
    private const string SetScript = """
        local etag = redis.pcall("HGET", KEYS[1], "version");
        if type(etag) == "table" then
          redis.call("DEL", KEYS[1]);
        end;
        local fwr = redis.pcall("HGET", KEYS[1], "first-write");
        if not etag or type(etag)=="table" or etag == "" or etag == ARGV[1] or (not fwr and ARGV[1] == "0") then
          redis.call("HSET", KEYS[1], "data", ARGV[2]);
          if ARGV[3] == "0" then
            redis.call("HSET", KEYS[1], "first-write", 0);
          end;
          return redis.call("HINCRBY", KEYS[1], "version", 1)
        else
          return error("failed to set key " .. KEYS[1])
        end
        """;

    /// <summary>delDefaultQuery: ARGV[1] the expected version, "0" for any.</summary>
    private const string DeleteScript = """
        local etag = redis.pcall("HGET", KEYS[1], "version");
        if not etag or type(etag)=="table" or etag == ARGV[1] or etag == "" or ARGV[1] == "0" then
          return redis.call("DEL", KEYS[1])
        else
          return error("failed to delete " .. KEYS[1])
        end
        """;

    public string Name { get; } = name;

    public StoredItem? Get(string key)
    {
        var fields = redis.HashGetAll(key);
        if (fields.Length == 0)
        {
            return null;
        }

        var data = fields.FirstOrDefault(f => f.Name == "data").Value;
        var version = fields.FirstOrDefault(f => f.Name == "version").Value;
        return data.IsNull ? null : new StoredItem((byte[])data!, version.IsNull ? "" : version.ToString(), null);
    }

    /// <summary>daprd's bulk save and delete run each write on its own: the others apply even when one is refused.</summary>
    public void Save(IReadOnlyList<StateWrite> writes)
    {
        Exception? first = null;
        foreach (var write in writes)
        {
            try
            {
                if (write.IsDelete)
                {
                    Delete(write);
                }
                else
                {
                    Set(write);
                }
            }
            catch (Exception ex) when (ex is ETagMismatchException or ETagInvalidException or StateWriteException)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    /// <summary>Multi: one MULTI/EXEC of the scripts, without the first-write flag; the first refused operation's error is the answer.</summary>
    public void Transact(IReadOnlyList<StateWrite> writes)
    {
        var transaction = redis.CreateTransaction();
        var results = writes.Select(w => w.IsDelete
            ? transaction.ScriptEvaluateAsync(DeleteScript, [w.Key], [DeleteVersion(w)])
            : transaction.ScriptEvaluateAsync(SetScript, [w.Key], [SetVersion(w), w.Value!])).ToList();
        transaction.Execute();
        foreach (var result in results)
        {
            try
            {
                result.GetAwaiter().GetResult();
            }
            catch (RedisServerException ex)
            {
                throw new StateWriteException(ex.Message);
            }
        }
    }

    public IReadOnlyDictionary<string, string> Snapshot()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var server in redis.Multiplexer.GetServers())
        {
            foreach (var key in server.Keys(redis.Database, pageSize: 500))
            {
                if (redis.KeyType(key) == RedisType.Hash && redis.HashGet(key, "data") is { IsNull: false } data)
                {
                    snapshot[key.ToString()] = Encoding.UTF8.GetString((byte[])data!);
                }
            }
        }

        return snapshot;
    }

    private void Set(StateWrite write)
    {
        try
        {
            redis.ScriptEvaluate(SetScript, [write.Key], [SetVersion(write), write.Value!, write.FirstWrite ? "0" : "1"]);
        }
        catch (RedisServerException ex)
        {
            if (!string.IsNullOrEmpty(write.ETag))
            {
                throw new ETagMismatchException(ex.Message);
            }

            throw new StateWriteException($"failed to set key {write.Key}: {ex.Message}");
        }
    }

    private void Delete(StateWrite write)
    {
        try
        {
            redis.ScriptEvaluate(DeleteScript, [write.Key], [DeleteVersion(write)]);
        }
        catch (RedisServerException ex)
        {
            throw new ETagMismatchException(ex.Message);
        }
    }

    /// <summary>parseETag: last-write, no ETag or an empty one → 0; otherwise the ETag must be a number.</summary>
    private static RedisValue SetVersion(StateWrite write)
    {
        if (write.LastWrite || string.IsNullOrEmpty(write.ETag))
        {
            return "0";
        }

        return int.TryParse(write.ETag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version)
            ? version.ToString(CultureInfo.InvariantCulture)
            : throw new ETagInvalidException($"strconv.Atoi: parsing \"{write.ETag}\": invalid syntax");
    }

    private static RedisValue DeleteVersion(StateWrite write) => string.IsNullOrEmpty(write.ETag) ? "0" : write.ETag;
}
