using System.Buffers.Binary;

namespace Pilot.Messaging.Vision;

/// <summary>
/// What goes over NetMQ for each frame (64 bytes, little-endian); the pixels stay in shared memory.
/// <see cref="Sequence"/> is the buffer's sequence number when the frame was completed: a reader whose buffer shows
/// another number knows the camera has reused it.
/// </summary>
public readonly record struct FrameDescriptor(
    uint PoolId,           // random id of the shared-memory pool instance (changes when the camera restarts)
    int Stream,            // VisionStream.Index
    int BufferIndex,       // which buffer of the pool
    uint FrameId,          // camera frame counter
    ulong Sequence,        // buffer sequence number after the write (even)
    ulong TimestampSof,    // start of frame, ns monotonic
    ulong TimestampEof,    // end of frame, ns monotonic
    FrameGeometry Geometry,
    ulong PublishNs)       // when the descriptor was sent, ns monotonic (for latency measurement)
{
    public const int Size = 64;

    public void Write(Span<byte> b)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(b, PoolId);
        BinaryPrimitives.WriteUInt16LittleEndian(b[4..], (ushort)Stream);
        BinaryPrimitives.WriteUInt16LittleEndian(b[6..], (ushort)Geometry.Format);
        BinaryPrimitives.WriteInt32LittleEndian(b[8..], BufferIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(b[12..], FrameId);
        BinaryPrimitives.WriteUInt64LittleEndian(b[16..], Sequence);
        BinaryPrimitives.WriteUInt64LittleEndian(b[24..], TimestampSof);
        BinaryPrimitives.WriteUInt64LittleEndian(b[32..], TimestampEof);
        BinaryPrimitives.WriteInt32LittleEndian(b[40..], Geometry.Width);
        BinaryPrimitives.WriteInt32LittleEndian(b[44..], Geometry.Height);
        BinaryPrimitives.WriteInt32LittleEndian(b[48..], Geometry.Stride);
        BinaryPrimitives.WriteInt32LittleEndian(b[52..], Geometry.UvOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(b[56..], PublishNs);
    }

    public static FrameDescriptor Read(ReadOnlySpan<byte> b)
    {
        if (b.Length != Size) throw new FormatException($"frame descriptor is {b.Length} bytes, expected {Size}");
        var format = (PixelFormat)BinaryPrimitives.ReadUInt16LittleEndian(b[6..]);
        if (!Enum.IsDefined(format)) throw new FormatException($"frame descriptor byte 6: unknown pixel format {(int)format}");
        var geometry = new FrameGeometry(BinaryPrimitives.ReadInt32LittleEndian(b[40..]), BinaryPrimitives.ReadInt32LittleEndian(b[44..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[48..]), format);
        return new(BinaryPrimitives.ReadUInt32LittleEndian(b), BinaryPrimitives.ReadUInt16LittleEndian(b[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(b[8..]), BinaryPrimitives.ReadUInt32LittleEndian(b[12..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[16..]), BinaryPrimitives.ReadUInt64LittleEndian(b[24..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[32..]), geometry, BinaryPrimitives.ReadUInt64LittleEndian(b[56..]));
    }
}
