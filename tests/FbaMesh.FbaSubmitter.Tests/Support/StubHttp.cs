using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>A request as the stub saw it (content read eagerly: the message is disposed after sending).</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>An HttpMessageHandler answering from a script, recording every request.</summary>
public sealed class StubHttp(Func<SeenRequest, int, Task<HttpResponseMessage>> script) : HttpMessageHandler
{
    private int count;

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public int Count => Volatile.Read(ref count);

    public static HttpResponseMessage Json(int status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static string Errors(string code, string message) =>
        $$"""{"errors":[{"code":"{{code}}","message":"{{message}}","details":""}]}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) ? " " : ",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(request.Method, request.RequestUri!, headers, body);
        Seen.Enqueue(seen);
        var n = Interlocked.Increment(ref count);
        return await script(seen, n).WaitAsync(cancellationToken);
    }
}
