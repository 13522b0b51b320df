using System.Globalization;
using System.Text;

namespace FbaMesh.Testing;

/// <summary>
/// Spellings of a path that routing may still match (case, percent-encoding, a trailing slash) or
/// that no route matches (an encoded or doubled slash): an app-token guard must refuse them all.
/// </summary>
public static class PathVariants
{
    public static IEnumerable<string> Of(string path)
    {
        yield return path;
        yield return path.ToUpperInvariant();
        yield return AlternateCase(path);
        yield return EncodeFirstLetter(path);
        yield return path + "/";
        yield return "/" + path;
        yield return DoubleInnerSlash(path);
        yield return EncodeInnerSlash(path);
    }

    /// <summary>A URI that HttpClient sends exactly as written (no unescaping, no dot-segment removal).</summary>
    public static Uri Raw(Uri baseAddress, string path) =>
        new(baseAddress.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private static string AlternateCase(string path)
    {
        var builder = new StringBuilder(path.Length);
        var upper = true;
        foreach (var c in path)
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                upper = !upper;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // "/events" → "/%65vents": Kestrel decodes it before routing, so routing sees "/events".
    private static string EncodeFirstLetter(string path)
    {
        var index = path.IndexOf(path.First(char.IsAsciiLetter));
        return path[..index] + "%" + ((int)path[index]).ToString("X2", CultureInfo.InvariantCulture) + path[(index + 1)..];
    }

    private static string DoubleInnerSlash(string path)
    {
        var inner = path.IndexOf('/', 1);
        return inner < 0 ? path + "//" : path[..inner] + "/" + path[inner..];
    }

    private static string EncodeInnerSlash(string path)
    {
        var inner = path.IndexOf('/', 1);
        return inner < 0 ? path + "%2F" : path[..inner] + "%2F" + path[(inner + 1)..];
    }
}
