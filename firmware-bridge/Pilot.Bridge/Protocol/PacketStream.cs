namespace Pilot.Bridge.Protocol;

/// <summary>Counts of what a <see cref="PacketReader"/> delivered and refused.</summary>
public struct ReaderStats
{
    public long Frames;
    public long Framing;
    public long TooShort;
    public long UnknownDlc;
    public long LengthMismatch;
    public long BadChecksum;
    public long BadAddress;
    public long Oversize;
    public long BytesDiscarded;   // bytes that belonged to refused packets

    public readonly long Errors => Framing + TooShort + UnknownDlc + LengthMismatch + BadChecksum + BadAddress + Oversize;

    internal void Count(PacketError error, int bytes)
    {
        BytesDiscarded += bytes;
        switch (error)
        {
            case PacketError.Framing: Framing++; break;
            case PacketError.TooShort: TooShort++; break;
            case PacketError.UnknownDlc: UnknownDlc++; break;
            case PacketError.LengthMismatch: LengthMismatch++; break;
            case PacketError.BadChecksum: BadChecksum++; break;
            case PacketError.BadAddress: BadAddress++; break;
            default: Oversize++; break;
        }
    }
}

/// <summary>Writes frames as delimited packets: COBS(packet) then 0x00.</summary>
public static class PacketWriter
{
    /// <summary>Largest encoded frame, delimiter included (72 bytes).</summary>
    public static readonly int MaxEncodedSize = Cobs.MaxEncodedLength(Packet.MaxSize) + 1;

    /// <summary>Encodes <paramref name="frame"/> into <paramref name="destination"/> (at least <see cref="MaxEncodedSize"/>); returns bytes written.</summary>
    public static int Write(in CanFrame frame, Span<byte> destination)
    {
        Span<byte> packet = stackalloc byte[Packet.MaxSize];
        int size = Packet.Write(frame, packet);
        int encoded = Cobs.Encode(packet[..size], destination);
        destination[encoded] = Cobs.Delimiter;
        return encoded + 1;
    }
}

/// <summary>
/// Turns a byte stream into frames. Resumable: feed any split of the stream, in any chunk sizes. Resynchronises on
/// every delimiter, so garbage, truncated packets (an unplug mid-frame), bad checksums and unknown DLCs cost one
/// counted, discarded packet and never produce a frame. Allocation-free after construction; not thread-safe.
/// </summary>
public sealed class PacketReader
{
    private static readonly int MaxEncoded = Cobs.MaxEncodedLength(Packet.MaxSize);
    private readonly byte[] _pending = new byte[MaxEncoded];  // encoded bytes since the last delimiter
    private readonly byte[] _decoded = new byte[Packet.MaxSize];
    private int _count;          // bytes in _pending
    private int _overflow;       // bytes dropped past MaxEncoded for the current packet
    private ReaderStats _stats;

    public ReaderStats Stats => _stats;

    /// <summary>Drops a partial packet (after a reconnect), counting it as framing loss when it held bytes.</summary>
    public void Reset()
    {
        if (_count + _overflow > 0) _stats.Count(PacketError.Framing, _count + _overflow);
        _count = 0;
        _overflow = 0;
    }

    /// <summary>
    /// Consumes bytes of <paramref name="input"/> and writes the frames they complete into <paramref name="frames"/>.
    /// Stops early when <paramref name="frames"/> is full; <paramref name="consumed"/> says how far it got, and the
    /// caller feeds the rest next time. Returns the number of frames written. Timestamps are left for the caller.
    /// </summary>
    public int Read(ReadOnlySpan<byte> input, Span<CanFrame> frames, out int consumed)
    {
        int produced = 0, i = 0;
        while (i < input.Length && produced < frames.Length)
        {
            byte b = input[i++];
            if (b != Cobs.Delimiter)
            {
                if (_count < _pending.Length) _pending[_count++] = b;
                else _overflow++;
                continue;
            }
            if (Complete(ref frames[produced])) produced++;
        }
        consumed = i;
        return produced;
    }

    private bool Complete(ref CanFrame frame)
    {
        int count = _count, overflow = _overflow;
        _count = 0;
        _overflow = 0;
        if (count == 0 && overflow == 0) return false;  // back-to-back delimiters: an idle line, not an error
        if (overflow > 0)
        {
            _stats.Count(PacketError.Oversize, count + overflow);
            return false;
        }
        int length = Cobs.Decode(_pending.AsSpan(0, count), _decoded);
        var error = length < 0 ? PacketError.Framing : Packet.TryRead(_decoded.AsSpan(0, length), ref frame);
        if (error != PacketError.None)
        {
            _stats.Count(error, count);
            return false;
        }
        _stats.Frames++;
        return true;
    }
}
