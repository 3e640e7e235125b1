using System.Buffers.Binary;
using Pilot.Capnp;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Pilot.Messaging.Logs;

/// <summary>
/// Reads one log file written by <see cref="LogFileWriter"/> (or any concatenation of zstd frames of framed Events, or an
/// uncompressed file of framed Events). Every complete, checksummed event is returned; damage (a cut file, flipped bytes,
/// a frame that fails its checksum, a torn message) is reported in <see cref="Damage"/> with its byte offset, and reading
/// resumes at the next zstd frame magic after it.
/// </summary>
public sealed class LogFileReader
{
    private const uint ZstdMagic = 0xFD2FB528;           // first 4 bytes of every zstd frame (RFC 8878 §3.1.1)
    public const long MaxBlockBytes = 256L << 20;        // one decompressed block; bigger headers mean corruption, not data

    private readonly List<LogDamage> _damage = [];

    public LogFileReader(string path) => Path = path;

    public string Path { get; }
    public IReadOnlyList<LogDamage> Damage => _damage;

    /// <summary>The events of the file in file order. Damage found while reading is appended to <see cref="Damage"/>.</summary>
    public IEnumerable<LogEvent> ReadAll()
    {
        byte[] file = File.ReadAllBytes(Path);
        bool compressed = file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file) == ZstdMagic;
        if (!compressed)
        {
            foreach (var e in ParseBlock(file, 0, 0)) yield return e;
            yield break;
        }
        using var decompressor = new Decompressor();
        long offset = 0, events = 0;
        while (offset < file.Length)
        {
            var (block, frameLength, error) = Decompress(decompressor, file.AsSpan((int)offset));
            if (error is not null)
            {
                long next = FindMagic(file, offset + 1);
                _damage.Add(new LogDamage(Path, offset, events, error, next));
                if (next < 0) yield break;
                offset = next;
                continue;
            }
            foreach (var e in ParseBlock(block!, offset, events))
            {
                events++;
                yield return e;
            }
            offset += frameLength;
        }
    }

    private static (byte[]? Block, long FrameLength, string? Error) Decompress(Decompressor d, ReadOnlySpan<byte> at)
    {
        if (at.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(at) != ZstdMagic)
            return (null, 0, "no zstd frame magic (bytes overwritten or not a zstd frame)");
        ulong frameLength;
        unsafe
        {
            fixed (byte* p = at) frameLength = Methods.ZSTD_findFrameCompressedSize(p, (nuint)at.Length);
        }
        if (Methods.ZSTD_isError((nuint)frameLength))
            return (null, 0, $"zstd frame is cut or its header is damaged ({Methods.ZSTD_getErrorName((nuint)frameLength)}; {at.Length} bytes left in the file)");
        ulong contentSize = Decompressor.GetDecompressedSize(at[..(int)frameLength]);
        if (contentSize > MaxBlockBytes)
            return (null, 0, $"zstd frame claims {contentSize} bytes, over the {MaxBlockBytes}-byte block limit (damaged header)");
        try
        {
            return (d.Unwrap(at[..(int)frameLength]).ToArray(), (long)frameLength, null);
        }
        catch (ZstdException e)
        {
            return (null, 0, $"zstd frame of {frameLength} bytes does not decompress: {e.Message}");
        }
    }

    /// <summary>Splits a decompressed block into framed messages; a torn or malformed one is damage at the block's offset.</summary>
    private IEnumerable<LogEvent> ParseBlock(byte[] block, long blockOffset, long eventsBefore)
    {
        int pos = 0;
        long events = eventsBefore;
        while (pos < block.Length)
        {
            string? error = FramedLength(block.AsSpan(pos), out int length);
            LogEvent? ev = null;
            if (error is null)
            {
                try { ev = new LogEvent(block.AsMemory(pos, length), MessageReader.ReadFramed(block.AsMemory(pos, length)), Path, blockOffset); }
                catch (CapnpException e) { error = $"malformed Cap'n Proto message: {e.Message}"; }
            }
            if (ev is null)
            {
                _damage.Add(new LogDamage(Path, blockOffset, events, $"event at byte {pos} of the block's {block.Length} decompressed bytes: {error}", -1));
                yield break;
            }
            events++;
            yield return ev;
            pos += length;
        }
    }

    /// <summary>Length of the framed message at the start of <paramref name="b"/> from its segment table (spec: Serialization over a stream).</summary>
    internal static string? FramedLength(ReadOnlySpan<byte> b, out int length)
    {
        length = 0;
        if (b.Length < 8) return $"message cut in its segment table ({b.Length} bytes left)";
        uint segments = BinaryPrimitives.ReadUInt32LittleEndian(b) + 1;
        if (segments > 512) return $"segment table claims {segments} segments";
        long header = (4 + 4 * segments + 7) / 8 * 8;
        if (b.Length < header) return $"message cut in its segment table ({b.Length} of {header} bytes)";
        long words = 0;
        for (int i = 0; i < segments; i++) words += BinaryPrimitives.ReadUInt32LittleEndian(b[(4 + 4 * i)..]);
        long total = header + words * 8;
        if (total > b.Length) return $"message of {total} bytes cut after {b.Length} bytes";
        length = (int)total;
        return null;
    }

    private static long FindMagic(byte[] file, long from)
    {
        ReadOnlySpan<byte> magic = [0x28, 0xB5, 0x2F, 0xFD];
        if (from >= file.Length) return -1;
        int i = file.AsSpan((int)from).IndexOf(magic);
        return i < 0 ? -1 : from + i;
    }
}
