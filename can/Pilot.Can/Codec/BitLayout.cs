using Pilot.Can.Dbc;

namespace Pilot.Can.Codec;

/// <summary>
/// Bit positions of signals in a frame. Bit i of byte b is position 8·b + i. A little-endian (Intel) signal's DBC
/// start bit is its least significant bit and it grows upward; a big-endian (Motorola) signal's start bit is its most
/// significant bit and it grows through the "sawtooth" order 7,6,..,0,15,14,..,8,... (cantools, opendbc be_bits).
/// </summary>
public static class BitLayout
{
    /// <summary>Position in the sawtooth order (0 = bit 7 of byte 0) of frame bit <paramref name="position"/>.</summary>
    public static int SawtoothIndex(int position) => position / 8 * 8 + 7 - position % 8;

    /// <summary>Least significant bit position of a Motorola signal with DBC start bit <paramref name="startBit"/>.</summary>
    public static int MotorolaLsb(int startBit, int length)
    {
        int last = SawtoothIndex(startBit) + length - 1;
        return last / 8 * 8 + 7 - last % 8;
    }

    /// <summary>True when a signal lies inside a frame of <paramref name="maxBytes"/> bytes.</summary>
    public static bool Fits(ByteOrder order, long startBit, long length, int maxBytes)
    {
        long bits = maxBytes * 8L;
        if (startBit < 0 || startBit >= bits || length < 1) return false;
        if (order == ByteOrder.LittleEndian) return startBit + length <= bits;
        return SawtoothIndex((int)startBit) + length <= bits;
    }

    /// <summary>Number of bytes a frame must have to hold every bit of <paramref name="signal"/>.</summary>
    public static int BytesNeeded(Signal signal) => signal.ByteOrder == ByteOrder.LittleEndian
        ? (signal.StartBit + signal.Length - 1) / 8 + 1
        : signal.LsbPosition / 8 + 1;
}
