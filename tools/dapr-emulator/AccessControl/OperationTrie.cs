namespace FbaMesh.DaprEmulator.AccessControl;

/// <summary>
/// The operation rules of one calling app, matched segment by segment as daprd's ACL trie matches them:
/// a segment "*" matches one whole segment (and, as the last rule segment, also its parent path),
/// "**" matches the rest of the path, and "*" inside a segment matches any characters. The first rule
/// inserted for a path wins; children are tried in insertion order, and a failed branch is not
/// backtracked — so the same call gets the same verdict as under daprd.
/// </summary>
internal sealed class OperationTrie
{
    private const string SingleStageWildcard = "/*";
    private const string MultiStageWildcard = "/**";

    private readonly Node root = new("/");

    /// <summary>Adds a rule for an operation path that starts with "/".</summary>
    public void Add(string operation, OperationAction action)
    {
        var parts = operation.Split('/');
        var node = root;
        for (var index = 1; index < parts.Length; index++)
        {
            var segment = "/" + parts[index];
            var isLast = index == parts.Length - 1;
            var existing = node.Children.FirstOrDefault(c => c.Segment == segment);
            if (existing is null)
            {
                var created = new Node(segment) { Action = isLast ? action : null };
                node.Children.Add(created);
                node = created;
            }
            else if (isLast)
            {
                existing.Action ??= action;
            }
            else
            {
                node = existing;
            }
        }
    }

    /// <summary>The rule that covers the operation (a path starting with "/"), or null.</summary>
    public OperationAction? Find(string operation)
    {
        var parts = operation.Split('/');
        Node? node = root;
        for (var index = 1; index < parts.Length; index++)
        {
            var isEnd = index == parts.Length - 1;
            node = node.Match("/" + parts[index], isEnd);
            if (node is null)
            {
                return null;
            }

            if (node.Action is not null)
            {
                if (!isEnd && node.Segment.EndsWith(SingleStageWildcard, StringComparison.Ordinal) && !node.Segment.EndsWith(MultiStageWildcard, StringComparison.Ordinal))
                {
                    continue;
                }

                return node.Action;
            }

            if (isEnd)
            {
                // The operation ends where a rule goes on with a wildcard: "/a/*" also covers "/a".
                return node.Match(SingleStageWildcard, isEnd: true)?.Action;
            }
        }

        return null;
    }

    /// <summary>'*' matches any run of characters, the empty one included; everything else matches itself.</summary>
    internal static bool Glob(string text, string pattern)
    {
        var matches = new bool[text.Length + 1, pattern.Length + 1];
        matches[0, 0] = true;
        for (var j = 1; j <= pattern.Length && pattern[j - 1] == '*'; j++)
        {
            matches[0, j] = true;
        }

        for (var i = 1; i <= text.Length; i++)
        {
            for (var j = 1; j <= pattern.Length; j++)
            {
                matches[i, j] = pattern[j - 1] == '*'
                    ? matches[i, j - 1] || matches[i - 1, j]
                    : text[i - 1] == pattern[j - 1] && matches[i - 1, j - 1];
            }
        }

        return matches[text.Length, pattern.Length];
    }

    private sealed class Node(string segment)
    {
        public string Segment { get; } = segment;

        public OperationAction? Action { get; set; }

        public List<Node> Children { get; } = [];

        public Node? Match(string segment, bool isEnd)
        {
            foreach (var child in Children)
            {
                if (child.Segment == segment)
                {
                    return child;
                }

                if (child.Segment == SingleStageWildcard)
                {
                    if (isEnd)
                    {
                        return child;
                    }

                    continue;
                }

                if (child.Segment == MultiStageWildcard || Glob(segment, child.Segment))
                {
                    return child;
                }
            }

            return null;
        }
    }
}
