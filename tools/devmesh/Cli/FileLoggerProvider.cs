using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FbaMesh.DevMesh.Cli;

/// <summary>
/// The in-process parts (sidecars, emulators) log to .devmesh/logs/devmesh.log, so the console keeps
/// to the table, the order lines and errors. One line per entry; scopes are left out.
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter writer;
    private readonly Lock gate = new();
    private bool closed;

    public FileLoggerProvider(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (gate)
        {
            closed = true;
            writer.Dispose();
        }
    }

    private void Write(string line)
    {
        lock (gate)
        {
            if (!closed)
            {
                writer.WriteLine(line);
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var time = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var error = exception is null ? "" : $" {exception.GetType().Name}: {exception.Message}";
            provider.Write($"{time} {logLevel,-11} {category}: {formatter(state, exception)}{error}");
        }
    }
}
