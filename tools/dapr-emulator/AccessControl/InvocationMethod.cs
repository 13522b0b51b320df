using System.Text;

namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>
/// daprd's NormalizeMethod: a service invocation method is refused with '#', '?', NUL or a control
/// character, and otherwise cleaned like a path (no empty, "." or ".." segments; no trailing slash),
/// so the access check and the call to the app see the same method.
/// </summary>
internal static class InvocationMethod
{
    /// <summary>The cleaned method, or null with daprd's reason.</summary>
    public static string? Normalize(string method, out string? error)
    {
        error = null;
        if (method.AsSpan().IndexOfAny("#?\0") >= 0)
        {
            error = $"method contains forbidden character: {Quote(method)}";
            return null;
        }

        for (var i = 0; i < method.Length; i++)
        {
            if (method[i] < 0x20 || method[i] == 0x7f)
            {
                error = $"method contains control character at position {i}: {Quote(method)}";
                return null;
            }
        }

        var cleaned = CleanPath(method);
        while (cleaned.StartsWith("../", StringComparison.Ordinal))
        {
            cleaned = cleaned[3..];
        }

        return cleaned is ".." or "." ? "" : cleaned;
    }

    /// <summary>Go's path.Clean: lexical, slash-separated, "." for an empty result.</summary>
    internal static string CleanPath(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var kept = new List<string>();
        var leadingUp = 0;
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (kept.Count > 0)
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }
                    else if (!rooted)
                    {
                        leadingUp++;
                    }

                    break;
                default:
                    kept.Add(segment);
                    break;
            }
        }

        var joined = string.Join('/', Enumerable.Repeat("..", leadingUp).Concat(kept));
        if (rooted)
        {
            return "/" + joined;
        }

        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>Roughly Go's %q: the text in double quotes with quotes, backslashes and control characters escaped.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\0' => "\\x00",
                < ' ' or '\x7f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
