using Pilot.Can.Dbc;

namespace Pilot.Can.Codec;

/// <summary>How a slot turns raw bits into a physical value, chosen once when the codec is compiled.</summary>
internal enum Conversion : byte
{
    /// <summary>Unsigned, factor 1, offset 0: the raw integer is the value (exact, no multiply).</summary>
    ExactUnsigned,
    /// <summary>Signed, factor 1, offset 0.</summary>
    ExactSigned,
    ScaledUnsigned,
    ScaledSigned,
    Float32,
    Float64,
}

/// <summary>
/// One signal compiled to plain fields: where to read 8 bytes in the padded frame buffer (see <see cref="MessageCodec"/>),
/// the shift and mask that isolate the signal, the 9th byte when a signal straddles 9 bytes, and its conversion.
/// </summary>
internal struct SignalSlot
{
    public int ReadOffset;      // index in the padded buffer of the 8-byte window holding the signal's least significant bit
    public int NinthByte;       // padded-buffer index of the byte beyond the window when shift + length > 64, else -1
    public int Shift;           // bit offset of the least significant bit within the window
    public int Length;          // bits, 1..64
    public ulong Mask;          // Length low bits set
    public bool BigEndian;
    public Conversion Conversion;
    public double Factor;
    public double Offset;
    public int Parent;          // index of the multiplexer slot, or -1
    public (long From, long To)[] MuxRanges;
    public bool HasRange;       // DBC [min|max] is given (not 0|0)
    public double Minimum;
    public double Maximum;

    public static SignalSlot Compile(Signal s, int parent)
    {
        bool big = s.ByteOrder == ByteOrder.BigEndian;
        int lsb = s.LsbPosition;
        int shift = lsb % 8;
        int lsbByte = lsb / 8;
        // Little endian: the window starts at the lsb byte and the signal grows upward (ReadUInt64LittleEndian).
        // Big endian: the window ends at the lsb byte and the signal grows toward byte 0 (ReadUInt64BigEndian).
        int readOffset = big ? MessageCodec.Pad + lsbByte - 7 : MessageCodec.Pad + lsbByte;
        int ninth = shift + s.Length > 64 ? (big ? readOffset - 1 : readOffset + 8) : -1;
        bool exact = s.Factor == 1 && s.Offset == 0;
        var conversion = s.ValueType switch
        {
            SignalValueType.Float32 => Conversion.Float32,
            SignalValueType.Float64 => Conversion.Float64,
            _ when s.IsSigned => exact ? Conversion.ExactSigned : Conversion.ScaledSigned,
            _ => exact ? Conversion.ExactUnsigned : Conversion.ScaledUnsigned,
        };
        return new SignalSlot
        {
            ReadOffset = readOffset,
            NinthByte = ninth,
            Shift = shift,
            Length = s.Length,
            Mask = s.Length == 64 ? ulong.MaxValue : (1UL << s.Length) - 1,
            BigEndian = big,
            Conversion = conversion,
            Factor = s.Factor,
            Offset = s.Offset,
            Parent = parent,
            MuxRanges = s.MultiplexerRanges.ToArray(),
            HasRange = s.HasRange,
            Minimum = s.Minimum,
            Maximum = s.Maximum,
        };
    }

    public readonly bool MuxMatches(long raw)
    {
        foreach (var (from, to) in MuxRanges)
            if (raw >= from && raw <= to) return true;
        return false;
    }
}
