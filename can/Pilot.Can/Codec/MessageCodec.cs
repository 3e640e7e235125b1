using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Pilot.Can.Dbc;

namespace Pilot.Can.Codec;

/// <summary>
/// A message's decoder and encoder, compiled when the database loads (one <see cref="SignalSlot"/> per signal, plain
/// fields, conversion chosen up front). Spans in, spans out: <see cref="Decode(ReadOnlySpan{byte}, Span{double})"/>
/// fills a caller-provided span indexed by <see cref="Signal.Index"/> without allocating.
/// <para>
/// Reads go through a zero-padded stack copy of the frame with <see cref="Pad"/> bytes before and after, so every
/// signal is one unaligned 8-byte load, a shift and a mask (plus one byte when a 64-bit signal straddles 9 bytes),
/// whatever its byte order. <see cref="ReferenceCodec"/> is the bit-at-a-time definition this is tested against.
/// </para>
/// </summary>
public sealed class MessageCodec
{
    /// <summary>Bytes of zero padding on each side of the frame copy: a full 8-byte window never leaves the buffer.</summary>
    internal const int Pad = 8;
    private const int MaxFrame = 64;
    private const int Padded = Pad + MaxFrame + Pad;

    private readonly SignalSlot[] _slots;
    private readonly int[] _order;       // slot indices with every multiplexer before the signals it selects
    private readonly bool _multiplexed;
    private readonly Message _message;

    public MessageCodec(Message message)
    {
        _message = message;
        var signals = message.Signals;
        _slots = new SignalSlot[signals.Count];
        for (int i = 0; i < signals.Count; i++)
        {
            var s = signals[i];
            int parent = s.MultiplexerSignal is null ? -1 : message.GetSignal(s.MultiplexerSignal).Index;
            _slots[i] = SignalSlot.Compile(s, parent);
        }
        _multiplexed = _slots.Any(s => s.Parent >= 0);
        _order = TopologicalOrder(_slots);
    }

    /// <summary>The message this codec was compiled for.</summary>
    public Message Message => _message;

    /// <summary>Number of signals, i.e. the span length decode and encode expect.</summary>
    public int SignalCount => _slots.Length;

    /// <summary>
    /// Decodes every signal's physical value into <paramref name="values"/>[signal index]. Signals not selected by the
    /// current multiplexer value are set to NaN. Throws <see cref="CanDecodeException"/> when the frame is shorter
    /// than the message length or longer than 64 bytes. Allocation-free.
    /// </summary>
    public void Decode(ReadOnlySpan<byte> data, Span<double> values)
    {
        CheckFrame(data.Length);
        if (values.Length < _slots.Length) ThrowSpanTooShort(values.Length);
        Span<byte> padded = stackalloc byte[Padded];
        data.CopyTo(padded[Pad..]);
        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
            values[i] = Convert(in slots[i], Read(padded, in slots[i]));
        if (_multiplexed) ApplyMultiplexing(padded, values);
    }

    /// <summary>The raw bits of signal <paramref name="index"/> (unsigned, right-aligned), exact for all 64 bits.</summary>
    public ulong DecodeRaw(ReadOnlySpan<byte> data, int index)
    {
        CheckFrame(data.Length);
        Span<byte> padded = stackalloc byte[Padded];
        data.CopyTo(padded[Pad..]);
        return Read(padded, in _slots[index]);
    }

    /// <summary>The raw integer of signal <paramref name="index"/>, sign-extended for signed signals.</summary>
    public long DecodeInteger(ReadOnlySpan<byte> data, int index)
    {
        ulong raw = DecodeRaw(data, index);
        ref readonly var slot = ref _slots[index];
        return slot.Conversion is Conversion.ExactSigned or Conversion.ScaledSigned ? SignExtend(raw, slot.Length) : (long)raw;
    }

    /// <summary>
    /// Encodes physical values (by signal index) into <paramref name="frame"/>, which must hold the message length;
    /// the bytes of the message are cleared first. Signals not selected by their multiplexer's value are skipped.
    /// Rounding: (value − offset) / factor is rounded half away from zero (2.5 → 3, −2.5 → −3) to the raw integer.
    /// Float and double signals store the IEEE bits of (value − offset) / factor. NaN and infinities are rejected in
    /// both modes; out-of-range values follow <paramref name="mode"/>.
    /// </summary>
    public void Encode(ReadOnlySpan<double> values, Span<byte> frame, EncodeMode mode = EncodeMode.Strict)
    {
        if (values.Length < _slots.Length) ThrowSpanTooShort(values.Length);
        int length = _message.Length;
        if (frame.Length < length) ThrowFrameTooShort(frame.Length);
        Span<byte> padded = stackalloc byte[Padded];
        Span<long> muxRaw = _multiplexed ? stackalloc long[_slots.Length] : default;
        Span<bool> active = _multiplexed ? stackalloc bool[_slots.Length] : default;
        foreach (int i in _order)
        {
            ref readonly var slot = ref _slots[i];
            if (_multiplexed)
            {
                active[i] = slot.Parent < 0 || (active[slot.Parent] && slot.MuxMatches(muxRaw[slot.Parent]));
                if (!active[i]) continue;
            }
            ulong raw = ToRaw(in slot, values[i], mode, i);
            if (_multiplexed) muxRaw[i] = slot.Conversion is Conversion.ExactSigned or Conversion.ScaledSigned ? SignExtend(raw, slot.Length) : (long)raw;
            Write(padded, in slot, raw);
        }
        padded.Slice(Pad, length).CopyTo(frame);
    }

    /// <summary>Writes raw bits for one signal into an existing frame (other bits untouched); exact for 64-bit values.</summary>
    public void EncodeRaw(Span<byte> frame, int index, ulong raw)
    {
        CheckFrame(frame.Length);
        Span<byte> padded = stackalloc byte[Padded];
        frame.CopyTo(padded[Pad..]);
        Write(padded, in _slots[index], raw & _slots[index].Mask);
        padded.Slice(Pad, frame.Length).CopyTo(frame);
    }

    /// <summary>Decodes to a dictionary of the signals present for this frame's multiplexer values (like cantools' decode).</summary>
    public Dictionary<string, double> DecodeToDictionary(ReadOnlySpan<byte> data)
    {
        var values = new double[_slots.Length];
        Decode(data, values);
        var result = new Dictionary<string, double>(_slots.Length, StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
            if (!IsInactive(i, values)) result[_message.Signals[i].Name] = values[i];
        return result;
    }

    /// <summary>
    /// Encodes values by signal name into a new frame of the message's length. Signals left out encode as raw 0
    /// (so a left-out multiplexer selects value 0). Unknown names throw <see cref="KeyNotFoundException"/>.
    /// </summary>
    public byte[] Encode(IReadOnlyDictionary<string, double> values, EncodeMode mode = EncodeMode.Strict)
    {
        var span = new double[_slots.Length];
        for (int i = 0; i < span.Length; i++) span[i] = RawZeroValue(i);
        foreach (var (name, value) in values) span[_message.GetSignal(name).Index] = value;
        var frame = new byte[_message.Length];
        Encode(span, frame, mode);
        return frame;
    }

    /// <summary>The physical value that encodes as raw 0 (the offset for integer signals).</summary>
    public double RawZeroValue(int index) => _slots[index].Offset;

    /// <summary>True when signal <paramref name="index"/> was not selected in a decode into <paramref name="values"/>.</summary>
    public bool IsInactive(int index, ReadOnlySpan<double> values) => _slots[index].Parent >= 0 && double.IsNaN(values[index]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read(ReadOnlySpan<byte> padded, in SignalSlot slot)
    {
        ulong window = slot.BigEndian
            ? BinaryPrimitives.ReadUInt64BigEndian(padded[slot.ReadOffset..])
            : BinaryPrimitives.ReadUInt64LittleEndian(padded[slot.ReadOffset..]);
        ulong raw = window >> slot.Shift;
        if (slot.NinthByte >= 0) raw |= (ulong)padded[slot.NinthByte] << (64 - slot.Shift);
        return raw & slot.Mask;
    }

    private static void Write(Span<byte> padded, in SignalSlot slot, ulong raw)
    {
        var window = padded[slot.ReadOffset..];
        ulong old = slot.BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(window) : BinaryPrimitives.ReadUInt64LittleEndian(window);
        ulong updated = (old & ~(slot.Mask << slot.Shift)) | (raw << slot.Shift);
        if (slot.BigEndian) BinaryPrimitives.WriteUInt64BigEndian(window, updated);
        else BinaryPrimitives.WriteUInt64LittleEndian(window, updated);
        if (slot.NinthByte >= 0)
        {
            int high = 64 - slot.Shift;
            ulong highMask = slot.Mask >> high;
            padded[slot.NinthByte] = (byte)((padded[slot.NinthByte] & ~(int)highMask) | (int)((raw >> high) & highMask));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Convert(in SignalSlot slot, ulong raw) => slot.Conversion switch
    {
        Conversion.ExactUnsigned => raw,
        Conversion.ExactSigned => SignExtend(raw, slot.Length),
        Conversion.ScaledUnsigned => raw * slot.Factor + slot.Offset,
        Conversion.ScaledSigned => SignExtend(raw, slot.Length) * slot.Factor + slot.Offset,
        Conversion.Float32 => BitConverter.UInt32BitsToSingle((uint)raw) * slot.Factor + slot.Offset,
        _ => BitConverter.UInt64BitsToDouble(raw) * slot.Factor + slot.Offset,
    };

    private ulong ToRaw(in SignalSlot slot, double value, EncodeMode mode, int index)
    {
        if (!double.IsFinite(value)) ThrowEncode(index, $"value {value} is not a finite number");
        if (mode == EncodeMode.Strict && slot.HasRange && (value < slot.Minimum || value > slot.Maximum))
            ThrowEncode(index, $"value {value} is outside its range [{slot.Minimum}|{slot.Maximum}]");
        double scaled = (value - slot.Offset) / slot.Factor;
        if (slot.Conversion == Conversion.Float32)
        {
            if (Math.Abs(scaled) > float.MaxValue)
            {
                if (mode == EncodeMode.Strict) ThrowEncode(index, $"value {value} does not fit a 32-bit float");
                scaled = Math.CopySign(float.MaxValue, scaled);
            }
            return BitConverter.SingleToUInt32Bits((float)scaled);
        }
        if (slot.Conversion == Conversion.Float64) return BitConverter.DoubleToUInt64Bits(scaled);
        double rounded = Math.Round(scaled, MidpointRounding.AwayFromZero);
        bool signed = slot.Conversion is Conversion.ExactSigned or Conversion.ScaledSigned;
        // Limits as doubles: 2^(n-1) and 2^n are exact, so "rounded >= limit" is an exact test even for 64 bits.
        double low = signed ? -Math.Pow(2, slot.Length - 1) : 0;
        double high = signed ? Math.Pow(2, slot.Length - 1) : Math.Pow(2, slot.Length);
        if (rounded < low || rounded >= high)
        {
            if (mode == EncodeMode.Strict)
                ThrowEncode(index, $"value {value} needs raw {rounded}, which does not fit {(signed ? "signed" : "unsigned")} {slot.Length} bits");
            ulong maxRaw = signed ? slot.Mask >> 1 : slot.Mask;
            ulong minRaw = signed ? (slot.Mask >> 1) + 1 : 0;   // the two's-complement pattern of -2^(n-1)
            return rounded < low ? minRaw : maxRaw;
        }
        if (signed) return (ulong)(long)rounded & slot.Mask;
        return rounded >= 9.2233720368547758E18 ? (ulong)(rounded - 9.2233720368547758E18) | 0x8000_0000_0000_0000UL : (ulong)rounded;
    }

    private void ApplyMultiplexing(ReadOnlySpan<byte> padded, Span<double> values)
    {
        foreach (int i in _order)
        {
            ref readonly var slot = ref _slots[i];
            if (slot.Parent < 0) continue;
            ref readonly var parent = ref _slots[slot.Parent];
            if (double.IsNaN(values[slot.Parent]) && parent.Parent >= 0) { values[i] = double.NaN; continue; }
            ulong raw = Read(padded, in parent);
            long key = parent.Conversion is Conversion.ExactSigned or Conversion.ScaledSigned ? SignExtend(raw, parent.Length) : (long)raw;
            if (!slot.MuxMatches(key)) values[i] = double.NaN;
        }
    }

    private static int[] TopologicalOrder(SignalSlot[] slots)
    {
        var depth = new int[slots.Length];
        for (int i = 0; i < slots.Length; i++)
            for (int p = slots[i].Parent; p >= 0 && depth[i] <= slots.Length; p = slots[p].Parent) depth[i]++;
        return Enumerable.Range(0, slots.Length).OrderBy(i => depth[i]).ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long SignExtend(ulong raw, int length) => (long)(raw << (64 - length)) >> (64 - length);

    private void CheckFrame(int length)
    {
        if (length < _message.Length || length > MaxFrame) ThrowFrame(length);
    }

    private void ThrowFrame(int length) => throw new CanDecodeException(
        $"{_message.Name} (0x{_message.FrameId:X}): frame has {length} bytes, expected {_message.Length}{(length > MaxFrame ? " (at most 64)" : "")}");

    private void ThrowFrameTooShort(int length) =>
        throw new ArgumentException($"{_message.Name}: frame buffer has {length} bytes, the message needs {_message.Length}");

    private void ThrowSpanTooShort(int length) =>
        throw new ArgumentException($"{_message.Name}: values span has {length} slots, the message has {_slots.Length} signals");

    private void ThrowEncode(int index, string problem) =>
        throw new CanEncodeException($"{_message.Name}.{_message.Signals[index].Name}: {problem}");
}
