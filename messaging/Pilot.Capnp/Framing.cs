using System.Buffers;
using System.Buffers.Binary;

namespace Pilot.Capnp;

/// <summary>
/// Stream framing (encoding spec, "Serialization over a stream"): a little-endian u32 segment count minus one, a u32
/// size in words per segment, zero padding to a word boundary, then the segments in order.
/// </summary>
public static class Framing
{
    /// <summary>Bytes of the segment table (with padding) for <paramref name="segmentCount"/> segments.</summary>
    public static int TableBytes(int segmentCount) => ((segmentCount + 2) / 2) * 8;

    /// <summary>The framed bytes of <paramref name="segments"/> (each a multiple of 8 bytes).</summary>
    public static byte[] Frame(IReadOnlyList<ReadOnlyMemory<byte>> segments)
    {
        long total = TableBytes(segments.Count);
        foreach (var s in segments) total += s.Length;
        var result = new byte[total];
        WriteTable(result, WordCounts(segments));
        int at = TableBytes(segments.Count);
        foreach (var s in segments)
        {
            s.Span.CopyTo(result.AsSpan(at));
            at += s.Length;
        }
        return result;
    }

    /// <summary>Writes the segment table for segments of <paramref name="words"/> words each into
    /// <paramref name="destination"/>; returns the table's length.</summary>
    internal static int WriteTable(Span<byte> destination, ReadOnlySpan<int> words)
    {
        int bytes = TableBytes(words.Length);
        destination[..bytes].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)(words.Length - 1));
        for (int i = 0; i < words.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(4 + 4 * i)..], (uint)words[i]);
        return bytes;
    }

    private static int[] WordCounts(IReadOnlyList<ReadOnlyMemory<byte>> segments)
    {
        var words = new int[segments.Count];
        for (int i = 0; i < words.Length; i++) words[i] = segments[i].Length / 8;
        return words;
    }

    /// <summary>Parses the table at <paramref name="start"/> and slices the segments out of
    /// <paramref name="buffer"/> (no copy); reuses <paramref name="table"/> when it is large enough.</summary>
    internal static int ParseTable(byte[] buffer, int start, int length, ReaderOptions options, ref Segment[] table, out int count)
    {
        if (length < 8)
            ThrowHelper.Framing($"message truncated: {length} bytes cannot hold a segment table (at least 8)");
        uint countMinusOne = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(start));
        long declared = countMinusOne + 1L;
        CheckCount(declared, options);
        count = (int)declared;
        int tableBytes = TableBytes(count);
        if (tableBytes > length)
            ThrowHelper.Framing($"message truncated: segment table of {count} segments needs {tableBytes} bytes, input has {length}");
        if (table.Length < count) table = new Segment[count];
        long at = tableBytes, totalWords = 0;
        for (int i = 0; i < count; i++)
        {
            uint words = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(start + 4 + 4 * i));
            totalWords += words;
            CheckSize(totalWords, options);
            if (at + words * 8L > length)
                ThrowHelper.Framing($"message truncated: segment {i} of {words} words starts at byte {at} but the input has {length} bytes");
            table[i] = new Segment(buffer, start + (int)at, (int)words);
            at += words * 8L;
        }
        return (int)at;
    }

    private static void CheckCount(long declared, ReaderOptions options)
    {
        if (declared > options.SegmentCountLimit)
            ThrowHelper.Limit(nameof(ReaderOptions.SegmentCountLimit), -1, -1,
                $"segment table declares {declared} segments, more than SegmentCountLimit {options.SegmentCountLimit}");
    }

    private static void CheckSize(long totalWords, ReaderOptions options)
    {
        if (totalWords > options.MessageSizeLimitInWords)
            ThrowHelper.Limit(nameof(ReaderOptions.MessageSizeLimitInWords), -1, -1,
                $"segment table declares at least {totalWords} words, more than MessageSizeLimitInWords {options.MessageSizeLimitInWords}");
    }

    /// <summary>Reads one framed message from a stream. The body buffer grows as data actually arrives, so a table
    /// that claims a huge size costs at most the first chunk before truncation is detected.</summary>
    internal static MessageReader? ReadFromStream(Stream stream, ReaderOptions options)
    {
        Span<byte> first = stackalloc byte[4];
        int got = stream.ReadAtLeast(first, 4, throwOnEndOfStream: false);
        if (got == 0) return null;
        if (got < 4) ThrowHelper.Framing($"message truncated: stream ended after {got} bytes of the segment table");
        long declared = BinaryPrimitives.ReadUInt32LittleEndian(first) + 1L;
        CheckCount(declared, options);
        int count = (int)declared;
        var tableBytes = new byte[TableBytes(count)];
        first.CopyTo(tableBytes);
        ReadExactly(stream, tableBytes.AsSpan(4), 4, "segment table");
        var sizes = new int[count];
        long totalWords = 0;
        for (int i = 0; i < count; i++)
        {
            uint words = BinaryPrimitives.ReadUInt32LittleEndian(tableBytes.AsSpan(4 + 4 * i));
            totalWords += words;
            CheckSize(totalWords, options);
            sizes[i] = (int)words;
        }
        byte[] body = ReadBody(stream, totalWords * 8, tableBytes.Length);
        var table = new Segment[count];
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            table[i] = new Segment(body, at, sizes[i]);
            at += sizes[i] * 8;
        }
        return new MessageReader(table, count, options);
    }

    private const int FirstChunkBytes = 64 * 1024;   // allocated before any body byte is seen; then doubled as data arrives

    private static byte[] ReadBody(Stream stream, long bytes, int tableBytes)
    {
        var body = new byte[Math.Min(bytes, FirstChunkBytes)];
        long filled = 0;
        while (filled < bytes)
        {
            if (filled == body.Length) Array.Resize(ref body, (int)Math.Min(bytes, (long)body.Length * 2));
            int n = stream.Read(body, (int)filled, body.Length - (int)filled);
            if (n == 0)
                ThrowHelper.Framing($"message truncated: stream ended at byte {tableBytes + filled} of a {tableBytes + bytes}-byte message");
            filled += n;
        }
        return body;
    }

    private static void ReadExactly(Stream stream, Span<byte> destination, int offset, string what)
    {
        int got = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (got < destination.Length)
            ThrowHelper.Framing($"message truncated: stream ended at byte {offset + got} inside the {what}");
    }

    /// <summary>Writes <paramref name="segments"/> framed to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, IReadOnlyList<ReadOnlyMemory<byte>> segments)
    {
        int tableBytes = TableBytes(segments.Count);
        WriteTable(writer.GetSpan(tableBytes), WordCounts(segments));
        writer.Advance(tableBytes);
        foreach (var s in segments) writer.Write(s.Span);
    }
}
