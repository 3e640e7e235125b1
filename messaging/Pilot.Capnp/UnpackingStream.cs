namespace Pilot.Capnp;

/// <summary>
/// A read-only stream that unpacks the packed encoding from an inner stream as it is read, so that packed messages
/// are framed with the same size limits and chunked allocation as unpacked ones. It never reads past the bytes the
/// current message needs, so consecutive packed messages can be read from one stream (wrap slow sources in a
/// <see cref="BufferedStream"/>).
/// </summary>
internal sealed class UnpackingStream(Stream inner) : Stream
{
    private readonly byte[] _word = new byte[8];
    private int _wordPos = 8;               // bytes of _word already returned
    private long _zeroBytes, _verbatimBytes;
    private long _consumed;                 // packed bytes consumed, for error positions

    /// <summary>Packed bytes consumed from the inner stream so far.</summary>
    public long Consumed => _consumed;

    /// <summary>Unpacked bytes a started word or run still holds (0 when the input ended cleanly on a word that
    /// closed its run).</summary>
    public long Pending => 8 - _wordPos + _zeroBytes + _verbatimBytes;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        int written = 0;
        while (written < destination.Length)
        {
            if (_wordPos < 8)
            {
                int n = Math.Min(8 - _wordPos, destination.Length - written);
                _word.AsSpan(_wordPos, n).CopyTo(destination[written..]);
                _wordPos += n;
                written += n;
            }
            else if (_zeroBytes > 0)
            {
                int n = (int)Math.Min(_zeroBytes, destination.Length - written);
                destination.Slice(written, n).Clear();
                _zeroBytes -= n;
                written += n;
            }
            else if (_verbatimBytes > 0)
            {
                int n = (int)Math.Min(_verbatimBytes, destination.Length - written);
                int got = inner.Read(destination.Slice(written, n));
                if (got == 0) Truncated();
                _verbatimBytes -= got;
                _consumed += got;
                written += got;
            }
            else if (!DecodeWord()) break;
        }
        return written;
    }

    /// <summary>Decodes the next tag's word into <see cref="_word"/>; false at a clean end of input.</summary>
    private bool DecodeWord()
    {
        int tag = inner.ReadByte();
        if (tag < 0) return false;
        _consumed++;
        Span<byte> present = stackalloc byte[8];
        int count = System.Numerics.BitOperations.PopCount((uint)tag);
        ReadInner(present[..count]);
        int next = 0;
        for (int k = 0; k < 8; k++) _word[k] = (tag & (1 << k)) != 0 ? present[next++] : (byte)0;
        _wordPos = 0;
        if (tag is 0 or 0xFF)
        {
            ReadInner(present[..1]);
            if (tag == 0) _zeroBytes = present[0] * 8L;
            else _verbatimBytes = present[0] * 8L;
        }
        return true;
    }

    private void ReadInner(Span<byte> destination)
    {
        if (inner.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) < destination.Length) Truncated();
        _consumed += destination.Length;
    }

    private void Truncated() =>
        ThrowHelper.Framing($"packed input truncated at byte {_consumed}: a word's tag promised more bytes");
}
