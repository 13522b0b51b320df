namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// Where one object member sits in the output: the quoted key at [KeyStart, KeyEnd), a colon, then
/// the value up to ValueEnd; <see cref="Index"/> is its array index or <see cref="ArrayIndex.None"/>.
/// </summary>
internal readonly record struct Member(int KeyStart, int KeyEnd, int ValueEnd, long Index)
{
    public int ValueStart => KeyEnd + 1;
}
