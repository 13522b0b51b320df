namespace FbaMesh.DevMesh.Hosting;

/// <summary>
/// A service's console output: appended to .devmesh/logs/&lt;app-id&gt;.log for the developer, and the
/// last lines kept in memory so a failure to start can say what the service said.
/// </summary>
internal sealed class ServiceLog : IDisposable
{
    private const int Kept = 40;
    private readonly Queue<string> tail = new();
    private readonly StreamWriter file;
    private bool closed;

    public ServiceLog(string directory, string appId)
    {
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, appId + ".log");
        file = new StreamWriter(new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string line)
    {
        lock (tail)
        {
            // Output of a killed process can trail in after the mesh closed the log.
            if (closed)
            {
                return;
            }

            file.WriteLine(line);
            tail.Enqueue(line);
            if (tail.Count > Kept)
            {
                tail.Dequeue();
            }
        }
    }

    public string Tail(int lines = 15)
    {
        lock (tail)
        {
            return string.Join(Environment.NewLine, tail.Skip(Math.Max(0, tail.Count - lines)));
        }
    }

    public void Dispose()
    {
        lock (tail)
        {
            closed = true;
            file.Dispose();
        }
    }
}
