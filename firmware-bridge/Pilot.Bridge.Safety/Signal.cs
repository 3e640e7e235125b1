namespace Pilot.Bridge.Safety;

/// <summary>
/// A big-endian (Motorola, DBC <c>@0</c>) signal as the DBC writes it: start bit = the MSB, numbered byte*8 + bit.
/// The safety code reads only a handful of signals, so a bit walk is plenty and stays obviously correct.
/// </summary>
public readonly record struct Signal(int StartBit, int Length, bool Signed)
{
    /// <summary>The raw value; 0 when the frame is too short to hold the signal (an RX length check rejects such frames first).</summary>
    public int Read(ReadOnlySpan<byte> data)
    {
        long value = 0;
        int bit = StartBit;
        for (int n = 0; n < Length; n++)
        {
            int index = bit >> 3;
            if (index >= data.Length) return 0;
            value = (value << 1) | (uint)((data[index] >> (bit & 7)) & 1);
            bit = (bit & 7) == 0 ? bit + 15 : bit - 1;
        }
        return (int)(Signed && (value >> (Length - 1)) != 0 ? value - (1L << Length) : value);
    }

    /// <summary>Writes <paramref name="value"/> (truncated to the signal's width); used to build commands and test frames.</summary>
    public void Write(Span<byte> data, int value)
    {
        int bit = StartBit;
        for (int n = Length - 1; n >= 0; n--)
        {
            int index = bit >> 3, mask = 1 << (bit & 7);
            data[index] = (byte)(((value >> n) & 1) != 0 ? data[index] | mask : data[index] & ~mask);
            bit = (bit & 7) == 0 ? bit + 15 : bit - 1;
        }
    }
}
