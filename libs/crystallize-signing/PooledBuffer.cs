using System.Buffers;

namespace FbaMesh.Crystallize.Signing;

/// <summary>
/// A growable byte buffer from the shared pool. The canonical writer needs random access to what it
/// already wrote (objects are reordered in place), which an <see cref="IBufferWriter{T}"/> cannot give.
/// </summary>
internal sealed class PooledBuffer(int initialCapacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    public int Length { get; set; }

    public ReadOnlySpan<byte> WrittenSpan => this.buffer.AsSpan(0, Length);

    public Span<byte> Slice(int start, int length) => this.buffer.AsSpan(start, length);

    public void Write(byte value)
    {
        if (Length == this.buffer.Length)
        {
            Grow(1);
        }

        this.buffer[Length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return this.buffer.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return this.buffer.AsSpan(Length);
    }

    public void Dispose()
    {
        var buffer = this.buffer;
        this.buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureFree(int sizeHint)
    {
        if (this.buffer.Length - Length < Math.Max(sizeHint, 1))
        {
            Grow(Math.Max(sizeHint, 1));
        }
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(this.buffer.Length * 2, Length + needed));
        this.buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(this.buffer);
        this.buffer = bigger;
    }
}
