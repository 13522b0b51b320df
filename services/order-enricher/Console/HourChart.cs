using System.Globalization;
using System.Text;
using static FbaMesh.OrderEnricher.Console.ConsoleHtml;

namespace FbaMesh.OrderEnricher.Console;

/// <summary>Orders per hour over the last day as an inline SVG bar chart; each bar has a title, the whole a text summary.</summary>
internal static class HourChart
{
    private const int Width = 480;
    private const int Height = 120;
    private const int Axis = 16;

    public static string Render(IReadOnlyList<(DateTimeOffset Hour, int Orders)> hours)
    {
        var total = hours.Sum(h => h.Orders);
        var peak = hours.Count == 0 ? 0 : hours.Max(h => h.Orders);
        var scale = Math.Max(1, peak);
        var barWidth = (double)Width / Math.Max(1, hours.Count);
        var svg = new StringBuilder();
        var summary = $"Orders per hour over the last 24 hours: {total} in all, at most {peak} in one hour.";
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height + Axis}\" role=\"img\" aria-labelledby=\"chart-title\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">{E(summary)}</title>");
        for (var i = 0; i < hours.Count; i++)
        {
            var (hour, n) = hours[i];
            var h = n == 0 ? 0 : Math.Max(2, n * (double)(Height - 4) / scale);
            var label = $"{hour.UtcDateTime:HH}:00 UTC: {n} order{(n == 1 ? "" : "s")}";
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * barWidth + 1:0.#}\" y=\"{Height - h:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{h:0.#}\"><title>{E(label)}</title></rect>");
            if (i % 6 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{i * barWidth:0.#}\" y=\"{Height + Axis - 3}\" font-size=\"11\">{hour.UtcDateTime:HH}:00</text>");
            }
        }

        svg.Append("</svg>");
        return $"<figure><figcaption>{E(summary)}</figcaption>{svg}</figure>";
    }
}
