using System.Globalization;
using System.Text;

namespace FbaMesh.SpApiEmulator;

/// <summary>The path to the value being validated; only turned into text when something is wrong.</summary>
internal sealed class JsonPathTrail
{
    private readonly List<(string? Name, int Index)> segments = [];

    public void Push(string name) => segments.Add((name, -1));

    public void Push(int index) => segments.Add((null, index));

    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public string Child(string name)
    {
        Push(name);
        var text = ToString();
        Pop();
        return text;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, index) in segments)
        {
            if (name is null)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(name);
            }
        }

        return text.ToString();
    }
}
