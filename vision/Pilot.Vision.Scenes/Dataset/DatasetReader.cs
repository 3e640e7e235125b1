using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Pilot.Vision.Data;
using ZstdSharp;

namespace Pilot.Vision.Scenes.Dataset;

/// <summary>
/// Random access to a data set written by <see cref="DatasetWriter"/>: record offsets are indexed at open, and each
/// read decompresses one record and checks its CRC. Malformed files raise <see cref="DataFormatException"/> naming the
/// shard and byte offset. One reader per thread.
/// </summary>
public sealed class DatasetReader : IDisposable
{
    private readonly List<(string Path, long Offset, int Length, uint Crc)> _records = [];
    private readonly Decompressor _decompressor = new();
    private readonly byte[] _payload = new byte[ModelInput.Size + LabelVector.Length * sizeof(float)];
    private byte[] _compressed = new byte[1 << 16];

    public int Count => _records.Count;

    public DatasetReader(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"data set folder not found: {folder}");
        foreach (string path in Directory.GetFiles(folder, "shard-*.plds").Order(StringComparer.Ordinal)) Index(path);
        if (_records.Count == 0) throw new DataFormatException(folder, -1, "no shards (shard-*.plds) in the data set folder");
    }

    private void Index(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[ShardFormat.HeaderSize];
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new DataFormatException(path, 0, "shorter than the 40-byte shard header");
        if (!header[..4].SequenceEqual(ShardFormat.Magic)) throw new DataFormatException(path, 0, "not a Pilot data-set shard (magic is not PLDS)");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != ShardFormat.Version) throw new DataFormatException(path, 4, $"shard version {version}, this reader knows {ShardFormat.Version}");
        uint inputSize = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]), labelCount = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (inputSize != ModelInput.Size || labelCount != LabelVector.Length)
            throw new DataFormatException(path, 8, $"samples of {inputSize} input bytes and {labelCount} labels; expected {ModelInput.Size} and {LabelVector.Length}");
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        long offset = ShardFormat.HeaderSize;
        Span<byte> record = stackalloc byte[ShardFormat.RecordHeaderSize];
        for (uint k = 0; k < count; k++)
        {
            file.Position = offset;
            if (file.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) < record.Length)
                throw new DataFormatException(path, offset, $"truncated: the header promises {count} samples, the file ends in record {k}");
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(record);
            if (length == 0 || length > ShardFormat.MaxRecordBytes || offset + ShardFormat.RecordHeaderSize + length > file.Length)
                throw new DataFormatException(path, offset, $"record {k} declares {length} bytes, beyond the file or ShardFormat.MaxRecordBytes");
            _records.Add((path, offset + ShardFormat.RecordHeaderSize, (int)length, BinaryPrimitives.ReadUInt32LittleEndian(record[4..])));
            offset += ShardFormat.RecordHeaderSize + length;
        }
    }

    /// <summary>Reads sample <paramref name="index"/> into the caller's buffers.</summary>
    public void Read(int index, Span<byte> input, Span<float> labels)
    {
        if ((uint)index >= (uint)_records.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the data set has {_records.Count} samples");
        var (path, offset, length, crc) = _records[index];
        if (_compressed.Length < length) _compressed = new byte[length];
        using (var file = File.OpenRead(path))
        {
            file.Position = offset;
            file.ReadExactly(_compressed, 0, length);
        }
        int written;
        try { written = _decompressor.Unwrap(_compressed.AsSpan(0, length), _payload); }
        catch (ZstdException e) { throw new DataFormatException(path, offset, $"record of sample {index} does not decompress: {e.Message}", inner: e); }
        if (written != _payload.Length) throw new DataFormatException(path, offset, $"record of sample {index} holds {written} bytes, expected {_payload.Length}");
        if (Crc32.HashToUInt32(_payload) != crc) throw new DataFormatException(path, offset, $"record of sample {index} fails its CRC-32 check");
        _payload.AsSpan(0, ModelInput.Size).CopyTo(input);
        MemoryMarshal.Cast<byte, float>(_payload.AsSpan(ModelInput.Size)).CopyTo(labels);
    }

    public void Dispose() => _decompressor.Dispose();
}
