namespace Pilot.Hardware.Gnss;

/// <summary>What is wrong with a candidate NMEA sentence, before its fields are read.</summary>
public enum NmeaFrameError : byte { None, NoStart, TooLong, NotPrintable, NoChecksum, BadChecksumDigits, BadChecksum }

/// <summary>
/// Framing of NMEA 0183 sentences (NMEA 0183 v4.11 §5.3): <c>$</c>, address, comma-separated fields, <c>*</c>, two
/// hex digits of the XOR of every byte between <c>$</c> and <c>*</c>, CR LF.
/// </summary>
public static class NmeaFrame
{
    /// <summary>
    /// Longest sentence accepted, bytes including <c>$</c> and CR LF. The standard says 82; proprietary sentences
    /// such as u-blox's PUBX,00 run past 100, so the limit leaves room for them while still bounding a garbage line.
    /// </summary>
    public const int MaxSentenceBytes = 128;

    /// <summary>Checks framing and checksum of <paramref name="sentence"/> (a trailing CR LF is allowed).</summary>
    /// <param name="errorOffset">Byte offset of the problem within <paramref name="sentence"/>.</param>
    public static NmeaFrameError Validate(ReadOnlySpan<byte> sentence, out int errorOffset)
    {
        errorOffset = 0;
        ReadOnlySpan<byte> s = TrimEnd(sentence);
        if (s.Length == 0 || (s[0] != (byte)'$' && s[0] != (byte)'!')) return NmeaFrameError.NoStart;
        if (sentence.Length > MaxSentenceBytes) { errorOffset = MaxSentenceBytes; return NmeaFrameError.TooLong; }
        byte sum = 0;
        int i = 1;
        for (; i < s.Length && s[i] != (byte)'*'; i++)
        {
            if (s[i] is < 0x20 or > 0x7E) { errorOffset = i; return NmeaFrameError.NotPrintable; }
            sum ^= s[i];
        }
        errorOffset = i;
        if (i + 3 != s.Length) return NmeaFrameError.NoChecksum;
        int hi = Hex(s[i + 1]), lo = Hex(s[i + 2]);
        if (hi < 0 || lo < 0) return NmeaFrameError.BadChecksumDigits;
        return (hi << 4 | lo) == sum ? NmeaFrameError.None : NmeaFrameError.BadChecksum;
    }

    /// <summary>The XOR checksum of the bytes between <c>$</c> and <c>*</c> (or the end), for writing sentences.</summary>
    public static byte Checksum(ReadOnlySpan<byte> body)
    {
        byte sum = 0;
        foreach (byte b in body) sum ^= b;
        return sum;
    }

    internal static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0 && (s[^1] == (byte)'\n' || s[^1] == (byte)'\r')) s = s[..^1];
        return s;
    }

    private static int Hex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
