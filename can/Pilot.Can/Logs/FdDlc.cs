namespace Pilot.Can.Logs;

/// <summary>CAN FD data length codes (ISO 11898-1:2015): codes 0..8 are lengths, 9..15 stand for 12..64 bytes.</summary>
internal static class FdDlc
{
    private static readonly int[] Lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64];

    /// <summary>Payload length for a DLC code; codes above 15 (seen in some ASC files) mean 64 bytes, as python-can reads them.</summary>
    public static int Length(int code) => code is >= 0 and <= 15 ? Lengths[code] : 64;

    /// <summary>The smallest DLC code whose length holds <paramref name="length"/> bytes.</summary>
    public static int Code(int length)
    {
        int code = 0;
        while (code < 15 && Lengths[code] < length) code++;
        return code;
    }
}
