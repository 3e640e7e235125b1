using System.Buffers.Text;

namespace Pilot.Hardware.Gnss;

/// <summary>
/// Decimal fields of NMEA sentences ("4807.038", "-12.5"): sign, digits, at most one point, no exponent. The fast
/// path reads up to 15 digits into an integer and divides once by a power of ten; both are exact in a double and IEEE
/// division rounds correctly, so the result is the correctly rounded value (Clinger's fast path), the same as
/// <see cref="Reference"/>. Longer fields go to the reference.
/// </summary>
internal static class NmeaNumber
{
    private const int MaxFastDigits = 15; // 10^15 < 2^53: every such integer is exact in a double

    private static readonly double[] PowersOf10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]; // all exact in a double

    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        long mantissa = 0;
        int digits = 0, fractionDigits = -1; // -1: no decimal point yet
        for (; i < s.Length; i++)
        {
            byte c = s[i];
            if (c == (byte)'.')
            {
                if (fractionDigits >= 0) return false;
                fractionDigits = 0;
                continue;
            }
            if ((uint)(c - '0') > 9) return false;
            if (digits == MaxFastDigits) return Reference(s, out value);
            mantissa = mantissa * 10 + (c - '0');
            digits++;
            if (fractionDigits >= 0) fractionDigits++;
        }
        if (digits == 0) return false;
        value = fractionDigits > 0 ? mantissa / PowersOf10[fractionDigits] : mantissa;
        if (negative) value = -value;
        return true;
    }

    /// <summary>The runtime's correctly rounded parser, over the whole field.</summary>
    public static bool Reference(ReadOnlySpan<byte> s, out double value) =>
        Utf8Parser.TryParse(s, out value, out int used) && used == s.Length && double.IsFinite(value);
}
