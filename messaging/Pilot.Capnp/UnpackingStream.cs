namespace Pilot.Capnp;

/// <summary>A read-only stream that unpacks the packed encoding from an inner stream as it is read, so that packed
/// messages are framed with the same size limits and chunked allocation as unpacked ones.</summary>
internal sealed class UnpackingStream(Stream inner) : Stream
{
    private readonly byte[] _in = new byte[4096];
    private int _inPos, _inEnd;
    private long _consumed;                 // packed bytes consumed, for error positions
    private readonly byte[] _word = new byte[8];
    private int _wordPos = 8;               // bytes of _word already returned
    private long _zeroBytes, _verbatimBytes;

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
                for (int k = 0; k < n; k++) destination[written + k] = Next();
                _verbatimBytes -= n;
                written += n;
            }
            else if (!DecodeWord()) break;
        }
        return written;
    }

    /// <summary>Decodes the next tag's word into <see cref="_word"/>; false at a clean end of input.</summary>
    private bool DecodeWord()
    {
        if (!Fill()) return false;
        byte tag = Next();
        for (int k = 0; k < 8; k++) _word[k] = (tag & (1 << k)) != 0 ? Next() : (byte)0;
        _wordPos = 0;
        if (tag == 0) _zeroBytes = Next() * 8L;
        else if (tag == 0xFF) _verbatimBytes = Next() * 8L;
        return true;
    }

    private bool Fill()
    {
        if (_inPos < _inEnd) return true;
        _inEnd = inner.Read(_in, 0, _in.Length);
        _inPos = 0;
        return _inEnd > 0;
    }

    private byte Next()
    {
        if (!Fill())
            ThrowHelper.Framing($"packed input truncated at byte {_consumed}: a word's tag promised more bytes");
        _consumed++;
        return _in[_inPos++];
    }
}
