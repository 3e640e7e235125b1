using Pilot.Can.Dbc;

namespace Pilot.Can.Codec;

/// <summary>
/// The plain, bit-at-a-time definition of signal extraction and insertion, straight from the DBC convention.
/// It is slow on purpose: tests check <see cref="MessageCodec"/>'s compiled shift-and-mask path against it.
/// </summary>
public static class ReferenceCodec
{
    /// <summary>The signal's raw bits (unsigned, right-aligned). Bits beyond the data read as 0.</summary>
    public static ulong ExtractRaw(ReadOnlySpan<byte> data, Signal signal)
    {
        ulong value = 0;
        if (signal.ByteOrder == ByteOrder.LittleEndian)
        {
            for (int i = signal.Length - 1; i >= 0; i--)
                value = (value << 1) | Bit(data, signal.StartBit + i);
        }
        else
        {
            int index = BitLayout.SawtoothIndex(signal.StartBit);
            for (int i = 0; i < signal.Length; i++)
                value = (value << 1) | Bit(data, BitLayout.SawtoothIndex(index + i));
        }
        return value;
    }

    /// <summary>Writes the low <see cref="Signal.Length"/> bits of <paramref name="raw"/> into <paramref name="data"/>.</summary>
    public static void InsertRaw(Span<byte> data, Signal signal, ulong raw)
    {
        if (signal.ByteOrder == ByteOrder.LittleEndian)
        {
            for (int i = 0; i < signal.Length; i++)
                SetBit(data, signal.StartBit + i, (raw >> i) & 1);
        }
        else
        {
            int index = BitLayout.SawtoothIndex(signal.StartBit);
            for (int i = 0; i < signal.Length; i++)
                SetBit(data, BitLayout.SawtoothIndex(index + i), (raw >> (signal.Length - 1 - i)) & 1);
        }
    }

    /// <summary>The physical value: sign extension or IEEE reinterpretation, then raw · factor + offset.</summary>
    public static double Decode(ReadOnlySpan<byte> data, Signal signal)
    {
        ulong raw = ExtractRaw(data, signal);
        return signal.ValueType switch
        {
            SignalValueType.Float32 => BitConverter.UInt32BitsToSingle((uint)raw) * signal.Factor + signal.Offset,
            SignalValueType.Float64 => BitConverter.UInt64BitsToDouble(raw) * signal.Factor + signal.Offset,
            _ => (signal.IsSigned ? (double)SignExtend(raw, signal.Length) : raw) * signal.Factor + signal.Offset,
        };
    }

    public static long SignExtend(ulong raw, int length) => length == 64 ? (long)raw : (long)(raw << (64 - length)) >> (64 - length);

    private static ulong Bit(ReadOnlySpan<byte> data, int position) =>
        position / 8 < data.Length ? (ulong)((data[position / 8] >> (position % 8)) & 1) : 0;

    private static void SetBit(Span<byte> data, int position, ulong bit)
    {
        if (position / 8 >= data.Length) return;
        int mask = 1 << (position % 8);
        data[position / 8] = (byte)(bit != 0 ? data[position / 8] | mask : data[position / 8] & ~mask);
    }
}
