using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DaprEmulator.Tests.Support;

/// <summary>Keeps the emulator's log lines, so a test can wait for something it logs (an unreachable app).</summary>
internal sealed class LogLines : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Debug));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogLines lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Lines.Enqueue(formatter(state, exception));
    }
}
