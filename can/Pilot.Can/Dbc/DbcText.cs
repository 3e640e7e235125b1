using System.Text;

namespace Pilot.Can.Dbc;

/// <summary>
/// Turns DBC bytes into text. DBC files come as UTF-8 (opendbc) or Windows-1252 (Vector CANdb++ on Windows, e.g.
/// cantools' cp1252.dbc): bytes that are valid UTF-8 are read as UTF-8, anything else as cp1252.
/// </summary>
internal static class DbcText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // cp1252 differs from Latin-1 only in 0x80..0x9F (undefined bytes map to the same C1 control, like Python's cp1252 with errors="replace" would not: we keep them).
    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return DecodeCp1252(bytes);
        }
    }

    public static string DecodeCp1252(ReadOnlySpan<byte> bytes) => string.Create(bytes.Length, bytes.ToArray(), static (chars, src) =>
    {
        for (int i = 0; i < src.Length; i++)
        {
            byte b = src[i];
            chars[i] = b is >= 0x80 and <= 0x9F ? Cp1252High[b - 0x80] : (char)b;
        }
    });

    public static byte[] ReadAll(Stream stream, string name, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > maxBytes)
                throw new DbcException(name, 1, 1, $"file larger than DbcLimits.MaxFileBytes ({maxBytes} bytes)");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    public static byte[] ReadFile(string path, int maxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"DBC file not found: {path}", path);
        if (info.Length > maxBytes)
            throw new DbcException(Path.GetFileName(path), 1, 1, $"file larger than DbcLimits.MaxFileBytes ({maxBytes} bytes)");
        return File.ReadAllBytes(path);
    }
}
