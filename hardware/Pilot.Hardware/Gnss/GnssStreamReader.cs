namespace Pilot.Hardware.Gnss;

/// <summary>What <see cref="GnssStreamReader.TryRead"/> found.</summary>
public enum GnssFrameKind : byte { None, Nmea, Ubx }

/// <summary>Counts kept by the stream reader; bad input is counted and skipped, never thrown.</summary>
public struct GnssStreamStats
{
    public long NmeaSentences;   // framed with a correct checksum
    public long UbxFrames;       // framed with a correct checksum
    public long NmeaBadChecksum; // complete sentence, wrong or malformed checksum
    public long NmeaMalformed;   // cut off by another '$', a binary byte, or the length limit
    public long UbxBadChecksum;
    public long UbxBadLength;    // length field above UbxFrame.MaxPayloadBytes
    public long Truncated;       // a frame start still incomplete when the stream ended
    public long BytesSkipped;    // bytes discarded outside accepted frames

    public readonly override string ToString() =>
        $"nmea {NmeaSentences} (bad checksum {NmeaBadChecksum}, malformed {NmeaMalformed}), ubx {UbxFrames} " +
        $"(bad checksum {UbxBadChecksum}, bad length {UbxBadLength}), truncated {Truncated}, skipped {BytesSkipped} bytes";
}

/// <summary>
/// Splits a serial byte stream carrying NMEA sentences and UBX frames, mixed and possibly corrupted, into checksummed
/// frames. It resynchronises on the next <c>$</c> or 0xB5 0x62 after anything bad, never holds more than one
/// frame's worth of bytes, and allocates nothing after construction.
/// </summary>
public sealed class GnssStreamReader
{
    /// <summary>Buffer size, bytes: the largest frame (UBX header + 1024 + checksum) plus room for a serial read.</summary>
    public const int BufferBytes = 4096;

    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _start, _end; // unread bytes are _buffer[_start.._end]
    private GnssStreamStats _stats;
    private bool _ended;

    public GnssStreamStats Stats => _stats;

    /// <summary>Bytes held while waiting for the rest of a frame.</summary>
    public int Pending => _end - _start;

    /// <summary>Free space to read into (compacts first); call <see cref="Advance"/> with the count read.</summary>
    public Span<byte> GetWriteSpan()
    {
        Compact();
        return _buffer.AsSpan(_end);
    }

    /// <inheritdoc cref="GetWriteSpan"/>
    public Memory<byte> GetWriteMemory()
    {
        Compact();
        return _buffer.AsMemory(_end);
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(BufferBytes - _end)) throw new ArgumentOutOfRangeException(nameof(count), count, $"only {BufferBytes - _end} bytes were free");
        _end += count;
    }

    /// <summary>
    /// Marks the end of the stream: a frame start still waiting for bytes is then dropped (counted as truncated) and
    /// what followed it is scanned again, so frames held behind a corrupted UBX length are not lost.
    /// </summary>
    public void Complete() => _ended = true;

    /// <summary>Copies as much of <paramref name="data"/> as fits; returns the count copied (drain with TryRead, then append the rest).</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        Span<byte> free = GetWriteSpan();
        int n = Math.Min(free.Length, data.Length);
        data[..n].CopyTo(free);
        _end += n;
        return n;
    }

    /// <summary>
    /// The next complete, checksummed frame (an NMEA sentence including CR LF, or a whole UBX frame); the span is
    /// valid until the next call to Append/GetWriteSpan. <see cref="GnssFrameKind.None"/> when more bytes are needed.
    /// </summary>
    public GnssFrameKind TryRead(out ReadOnlySpan<byte> frame)
    {
        frame = default;
        while (_end > _start)
        {
            ReadOnlySpan<byte> span = _buffer.AsSpan(_start, _end - _start);
            int sync = span.IndexOfAny((byte)'$', UbxFrame.Sync1);
            if (sync != 0) { Skip(sync < 0 ? span.Length : sync); continue; }
            GnssFrameKind kind = span[0] == (byte)'$' ? TryNmea(span, out frame, out bool more) : TryUbx(span, out frame, out more);
            if (kind != GnssFrameKind.None) return kind;
            if (!more) continue;
            if (!_ended) return GnssFrameKind.None;
            _stats.Truncated++;
            Skip(1);
        }
        return GnssFrameKind.None;
    }

    private GnssFrameKind TryNmea(ReadOnlySpan<byte> span, out ReadOnlySpan<byte> frame, out bool needMore)
    {
        frame = default;
        needMore = false;
        int limit = Math.Min(span.Length, NmeaFrame.MaxSentenceBytes);
        int i = 1;
        // Stop at the line end, or at anything that cannot be inside a sentence; the printable bytes before that
        // cannot hide another frame's start ('$' and 0xB5 both stop the scan), so they can be consumed safely.
        while (i < limit && span[i] != (byte)'\n' && span[i] != (byte)'$' && (span[i] is >= 0x20 and <= 0x7E || span[i] == (byte)'\r')) i++;
        if (i == limit)
        {
            if (span.Length < NmeaFrame.MaxSentenceBytes) { needMore = true; return GnssFrameKind.None; }
            _stats.NmeaMalformed++;
            Skip(i);
            return GnssFrameKind.None;
        }
        if (span[i] != (byte)'\n')
        {
            _stats.NmeaMalformed++;
            Skip(i);
            return GnssFrameKind.None;
        }
        if (NmeaFrame.Validate(span[..(i + 1)], out _) != NmeaFrameError.None)
        {
            _stats.NmeaBadChecksum++;
            Skip(i + 1);
            return GnssFrameKind.None;
        }
        frame = span[..(i + 1)];
        _start += i + 1;
        _stats.NmeaSentences++;
        return GnssFrameKind.Nmea;
    }

    private GnssFrameKind TryUbx(ReadOnlySpan<byte> span, out ReadOnlySpan<byte> frame, out bool needMore)
    {
        frame = default;
        needMore = false;
        if (span.Length < 2 || (span[1] == UbxFrame.Sync2 && span.Length < UbxFrame.HeaderBytes)) { needMore = true; return GnssFrameKind.None; }
        if (span[1] != UbxFrame.Sync2) { Skip(1); return GnssFrameKind.None; }
        int length = span[4] | span[5] << 8;
        if (length > UbxFrame.MaxPayloadBytes)
        {
            _stats.UbxBadLength++;
            Skip(2);
            return GnssFrameKind.None;
        }
        int total = UbxFrame.Overhead + length;
        if (span.Length < total) { needMore = true; return GnssFrameKind.None; }
        (byte a, byte b) = UbxFrame.Checksum(span[2..(total - 2)]);
        if (a != span[total - 2] || b != span[total - 1])
        {
            // Drop only the sync word: a real frame may start inside what looked like this one's payload.
            _stats.UbxBadChecksum++;
            Skip(2);
            return GnssFrameKind.None;
        }
        frame = span[..total];
        _start += total;
        _stats.UbxFrames++;
        return GnssFrameKind.Ubx;
    }

    private void Skip(int count)
    {
        _start += count;
        _stats.BytesSkipped += count;
    }

    private void Compact()
    {
        if (_start == 0) return;
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
    }
}
