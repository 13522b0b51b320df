using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FbaMesh.Testing;

/// <summary>
/// Every log line of one app, with its level, category, formatted message, structured values and
/// exception text: what an operator would read, so tests can check a line is there or a secret is not.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Lines => [.. this.lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this.lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue((logLevel, category, $"{formatter(state, exception)} {values}{(exception is null ? "" : " " + exception)}"));
        }
    }
}
