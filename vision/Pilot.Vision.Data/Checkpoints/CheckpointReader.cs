using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Pilot.Vision.Data.Checkpoints;

/// <summary>Parses a checkpoint image (see <see cref="CheckpointFormat"/>), checking every length, offset and checksum
/// and naming the byte offset (and tensor) of the first problem.</summary>
internal ref struct CheckpointReader
{
    private readonly ReadOnlySpan<byte> _file;     // the whole file, or only its fixed part and header
    private readonly long _fileLength;             // of the whole file
    private readonly string _name;
    private readonly CheckpointLimits _limits;
    private int _position;

    public CheckpointReader(ReadOnlySpan<byte> file, long fileLength, string name, CheckpointLimits limits)
    {
        _file = file;
        _fileLength = fileLength;
        _name = name;
        _limits = limits;
    }

    /// <summary>Reads the fixed part and header; with <paramref name="withData"/> also every tensor's values
    /// (without it, <c>file</c> may hold just the fixed part and header).</summary>
    public (CheckpointHeader Header, Checkpoint? Checkpoint) Read(bool withData)
    {
        if (_file.Length < CheckpointFormat.FixedLength)
            throw Error(_file.Length, $"truncated: {_file.Length} bytes, the fixed header alone needs {CheckpointFormat.FixedLength}");
        if (!_file[..8].SequenceEqual(CheckpointFormat.Magic))
            throw Error(0, $"not a Pilot checkpoint: magic is \"{Encoding.ASCII.GetString(_file[..8]).Replace('\0', '.')}\", expected \"PILOTCKP\"");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(_file[8..]);
        if (version != CheckpointFormat.Version)
            throw Error(8, $"format version {version} is not supported (this reader reads version {CheckpointFormat.Version})");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(_file[12..]);
        if (headerLength > _limits.MaxHeaderBytes)
            throw Error(12, $"header length {headerLength} exceeds CheckpointLimits.MaxHeaderBytes ({_limits.MaxHeaderBytes})");
        int headerEnd = CheckpointFormat.FixedLength + (int)headerLength;
        if (headerEnd > _file.Length)
            throw Error(_file.Length, $"truncated: the header ends at byte {headerEnd}, the file has {_file.Length} bytes");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(_file[16..]);
        uint computed = Crc32.HashToUInt32(_file[CheckpointFormat.FixedLength..headerEnd]);
        if (stored != computed)
            throw Error(16, $"header checksum mismatch: stored 0x{stored:X8}, computed 0x{computed:X8} over bytes {CheckpointFormat.FixedLength}..{headerEnd}");

        var checkpoint = withData ? new Checkpoint { SourceFile = _name } : null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var specs = new List<TensorSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        _position = CheckpointFormat.FixedLength;
        uint entries = Count("metadata entries", _limits.MaxMetadataEntries, nameof(CheckpointLimits.MaxMetadataEntries), headerEnd);
        for (uint i = 0; i < entries; i++)
        {
            int at = _position;
            string key = String(headerEnd), value = String(headerEnd);
            if (!metadata.TryAdd(key, value)) throw Error(at, $"metadata key '{key}' appears twice");
        }
        uint tensors = Count("tensors", _limits.MaxTensors, nameof(CheckpointLimits.MaxTensors), headerEnd);
        long expectedOffset = headerEnd;
        for (uint i = 0; i < tensors; i++)
        {
            int entry = _position;
            string name = String(headerEnd);
            int rank = Need(1, headerEnd)[0];
            _position++;
            if (rank > _limits.MaxRank) throw Error(_position - 1, $"rank {rank} exceeds CheckpointLimits.MaxRank ({_limits.MaxRank})", name);
            var shape = new int[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++)
            {
                shape[d] = BinaryPrimitives.ReadInt32LittleEndian(Need(4, headerEnd));
                if (shape[d] < 0) throw Error(_position, $"dimension {d} is negative ({shape[d]})", name);
                _position += 4;
                elements *= shape[d];
                if (elements * sizeof(float) > _fileLength) throw Error(_position - 4, $"shape {NamedTensor.Format(shape.AsSpan(0, d + 1))} needs more data than the whole file holds ({_fileLength} bytes): truncated, or a corrupt shape", name);
            }
            long offset = BinaryPrimitives.ReadInt64LittleEndian(Need(8, headerEnd));
            _position += 8;
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(Need(4, headerEnd));
            _position += 4;
            expectedOffset = CheckpointFormat.Align(expectedOffset);
            if (offset != expectedOffset)
                throw Error(_position - 12, $"data offset {offset} is not the canonical {expectedOffset}", name);
            long end = offset + elements * sizeof(float);
            if (end > _fileLength)
                throw Error(_fileLength, $"truncated: the tensor's data ends at byte {end}, the file has {_fileLength} bytes", name);
            if (!names.Add(name)) throw Error(entry, "tensor name appears twice", name);
            specs.Add(new TensorSpec(name, shape));
            if (checkpoint is not null)
            {
                var bytes = _file[(int)offset..(int)end];
                uint actual = Crc32.HashToUInt32(bytes);
                if (actual != crc)
                    throw Error(offset, $"data checksum mismatch: stored 0x{crc:X8}, computed 0x{actual:X8} over bytes {offset}..{end}", name);
                checkpoint.Add(name, shape, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
            }
            expectedOffset = end;
        }
        if (_position != headerEnd)
            throw Error(_position, $"{headerEnd - _position} unexplained bytes at the end of the header");
        if (withData && expectedOffset != _file.Length)
            throw Error(expectedOffset, $"trailing data: the last tensor ends here, the file has {_file.Length - expectedOffset} more bytes");
        if (checkpoint is not null)
            foreach (var (key, value) in metadata) checkpoint.Metadata.Add(key, value);
        return (new CheckpointHeader(metadata, specs), checkpoint);
    }

    private uint Count(string what, int limit, string limitName, int headerEnd)
    {
        uint n = BinaryPrimitives.ReadUInt32LittleEndian(Need(4, headerEnd));
        if (n > limit) throw Error(_position, $"{n} {what} exceed CheckpointLimits.{limitName} ({limit})");
        _position += 4;
        return n;
    }

    private string String(int headerEnd)
    {
        int length = BinaryPrimitives.ReadUInt16LittleEndian(Need(2, headerEnd));
        _position += 2;
        var bytes = Need(length, headerEnd);
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException e) { throw Error(_position, $"invalid UTF-8 in a name: {e.Message}"); }
        _position += length;
        return text;
    }

    private ReadOnlySpan<byte> Need(int count, int headerEnd)
    {
        if (_position + count > headerEnd)
            throw Error(_position, $"header entry runs past the header end at byte {headerEnd}");
        return _file.Slice(_position, count);
    }

    private DataFormatException Error(long offset, string problem, string? tensor = null) => new(_name, offset, problem, tensor);
}
