using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Pilot.Vision.Data.Checkpoints;

/// <summary>
/// The checkpoint file layout, version 1, all integers little-endian:
/// <code>
/// 0   8 bytes  magic "PILOTCKP"
/// 8   u32      format version (1)
/// 12  u32      header length H in bytes
/// 16  u32      CRC-32 (IEEE) of the H header bytes
/// 20  header:  u32 metadata count, then per entry: key, value (each u16 byte length + UTF-8)
///              u32 tensor count, then per tensor: name (u16 + UTF-8), u8 rank, rank × i32 dims,
///              u64 data offset from the file start, u32 CRC-32 of the tensor's data bytes
/// data:        each tensor's float32 values at its offset; offsets are the previous end rounded up to 64 bytes
///              (so the data can be mapped and used in place), and the file ends with the last tensor.
/// </code>
/// One checksum per tensor lets a corrupt file be reported by tensor name; the layout is canonical, so any
/// other offset is refused rather than interpreted.
/// </summary>
internal static class CheckpointFormat
{
    public static ReadOnlySpan<byte> Magic => "PILOTCKP"u8;
    public const uint Version = 1;
    public const int FixedLength = 20;
    public const int Alignment = 64;

    public static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    public static void Write(Stream stream, Checkpoint checkpoint)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("checkpoints store float32 little-endian; this machine is big-endian");
        var header = new MemoryStream();
        using (var w = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            w.Write((uint)checkpoint.Metadata.Count);
            foreach (var (key, value) in checkpoint.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                WriteString(w, key, "metadata key");
                WriteString(w, value, $"metadata value of '{key}'");
            }
            w.Write((uint)checkpoint.Tensors.Count);
            long offset = 0;   // relative to the data start until the header length is known
            var offsets = new long[checkpoint.Tensors.Count];
            for (int i = 0; i < offsets.Length; i++)
            {
                offset = Align(offset);
                offsets[i] = offset;
                offset += checkpoint.Tensors[i].Data.Length * sizeof(float);
            }
            int tableEntriesLength = checkpoint.Tensors.Sum(t => 2 + Encoding.UTF8.GetByteCount(t.Name) + 1 + 4 * t.Shape.Length + 8 + 4);
            long dataStart = Align(FixedLength + header.Length + tableEntriesLength);
            for (int i = 0; i < offsets.Length; i++)
            {
                var tensor = checkpoint.Tensors[i];
                WriteString(w, tensor.Name, "tensor name");
                if (tensor.Shape.Length > byte.MaxValue) throw new ArgumentException($"tensor '{tensor.Name}' has {tensor.Shape.Length} dimensions, at most 255 fit");
                w.Write((byte)tensor.Shape.Length);
                foreach (int d in tensor.Shape) w.Write(d);
                w.Write(dataStart + offsets[i]);
                w.Write(Crc32.HashToUInt32(MemoryMarshal.AsBytes(tensor.Data.AsSpan())));
            }
        }
        var headerBytes = header.GetBuffer().AsSpan(0, (int)header.Length);
        Span<byte> fixedPart = stackalloc byte[FixedLength];
        Magic.CopyTo(fixedPart);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[12..], (uint)headerBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[16..], Crc32.HashToUInt32(headerBytes));
        stream.Write(fixedPart);
        stream.Write(headerBytes);
        long position = FixedLength + headerBytes.Length;
        Span<byte> zeros = stackalloc byte[Alignment];
        foreach (var tensor in checkpoint.Tensors)
        {
            long aligned = Align(position);
            stream.Write(zeros[..(int)(aligned - position)]);
            var bytes = MemoryMarshal.AsBytes(tensor.Data.AsSpan());
            stream.Write(bytes);
            position = aligned + bytes.Length;
        }
    }

    private static void WriteString(BinaryWriter w, string text, string what)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > ushort.MaxValue) throw new ArgumentException($"{what} is {bytes.Length} bytes of UTF-8, at most {ushort.MaxValue} fit");
        w.Write((ushort)bytes.Length);
        w.Write(bytes);
    }
}
