namespace FbaMesh.FunctionalTests.Support;

/// <summary>Where a canary was found: the sink, the place in it, and the text around it.</summary>
public sealed record CanaryLeak(string Sink, string Where, string Excerpt);

/// <summary>Collects the places where text holds the run's canary marker.</summary>
public sealed class CanaryLeaks(string marker)
{
    private readonly List<CanaryLeak> leaks = [];

    public IReadOnlyList<CanaryLeak> All => leaks;

    public void Scan(string sink, string where, string? text)
    {
        if (text is null)
        {
            return;
        }

        for (var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.OrdinalIgnoreCase))
        {
            var from = Math.Max(0, at - 120);
            var to = Math.Min(text.Length, at + marker.Length + 60);
            leaks.Add(new CanaryLeak(sink, where, text[from..to].ReplaceLineEndings(" ")));
        }
    }

    /// <summary>One line per place (sink and where), with how many canaries it holds and the first of them in context.</summary>
    public string Report()
    {
        var places = leaks.GroupBy(l => (l.Sink, l.Where)).ToList();
        return $"Personal data leaked: {leaks.Count} canaries in {places.Count} place(s) (canary marker {marker}):{Environment.NewLine}" +
            string.Join(Environment.NewLine, places.Take(40).Select(p => $"  - {p.Key.Sink} [{p.Key.Where}] x{p.Count()}: …{p.First().Excerpt}…"));
    }
}
