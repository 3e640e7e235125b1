using System.IO.Compression;

namespace Pilot.Vision.Data.Idx;

/// <summary>Reads IDX files (raw or gzip-compressed, detected by the gzip magic) into memory.</summary>
public static class IdxReader
{
    private const byte Gzip0 = 0x1F, Gzip1 = 0x8B;

    public static IdxArray Read(string path, IdxLimits? limits = null)
    {
        limits ??= IdxLimits.Default;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (got == 2 && magic[0] == Gzip0 && magic[1] == Gzip1)
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return Read(gzip, path, limits, maxPayload: file.Length * limits.MaxCompressionRatio, knownLength: -1);
        }
        return Read(file, path, limits, maxPayload: long.MaxValue, knownLength: file.Length);
    }

    /// <summary>Reads an uncompressed IDX stream; <paramref name="name"/> is used in error messages.</summary>
    public static IdxArray Read(Stream stream, string name, IdxLimits? limits = null) =>
        Read(stream, name, limits ?? IdxLimits.Default, long.MaxValue, stream.CanSeek ? stream.Length - stream.Position : -1);

    private static IdxArray Read(Stream stream, string name, IdxLimits limits, long maxPayload, long knownLength)
    {
        Span<byte> header = stackalloc byte[4 + 4 * 255];
        int prefix = ReadUpTo(stream, header[..IdxHeader.PrefixLength], name);
        int headerLength = IdxHeader.ParsePrefix(header[..prefix], name, limits);
        int got = prefix + ReadUpTo(stream, header[prefix..headerLength], name);
        var parsed = IdxHeader.Parse(header[..got], name, limits);

        long declaredEnd = headerLength + parsed.PayloadBytes;
        if (parsed.PayloadBytes > maxPayload)
            throw new DataFormatException(name, 4,
                $"declared shape [{string.Join(", ", parsed.Shape)}] needs {parsed.PayloadBytes} bytes, more than the compressed file " +
                $"can hold (IdxLimits.MaxCompressionRatio {limits.MaxCompressionRatio}:1)");
        if (knownLength >= 0 && knownLength != declaredEnd)
            throw LengthMismatch(name, parsed, headerLength, knownLength);

        var data = GC.AllocateUninitializedArray<byte>(checked((int)parsed.PayloadBytes));
        int read = ReadUpTo(stream, data, name);
        if (read < data.Length)
            throw LengthMismatch(name, parsed, headerLength, headerLength + read);
        Span<byte> extra = stackalloc byte[1];
        if (knownLength < 0 && ReadUpTo(stream, extra, name) > 0)
            throw new DataFormatException(name, declaredEnd,
                $"trailing data after the {parsed.PayloadBytes} bytes declared by shape [{string.Join(", ", parsed.Shape)}]");
        return new IdxArray(name, parsed.Shape, data, headerLength);
    }

    private static DataFormatException LengthMismatch(string name, IdxHeader header, int headerLength, long actualEnd)
    {
        long declaredEnd = headerLength + header.PayloadBytes;
        string shape = string.Join(", ", header.Shape);
        return actualEnd < declaredEnd
            ? new DataFormatException(name, actualEnd,
                $"truncated: shape [{shape}] declares {header.PayloadBytes} data bytes ending at byte {declaredEnd}, but the data ends here")
            : new DataFormatException(name, declaredEnd,
                $"trailing data: shape [{shape}] declares data ending here, but the file has {actualEnd - declaredEnd} more bytes");
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer, string name)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(name, -1, $"corrupt gzip stream: {e.Message}", inner: e);
        }
    }
}
