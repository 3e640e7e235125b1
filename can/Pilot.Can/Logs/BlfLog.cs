using System.Buffers.Binary;
using System.IO.Compression;

namespace Pilot.Can.Logs;

/// <summary>
/// Vector binary logs (.blf): a LOGG file header, then LOBJ objects, usually packed into zlib-compressed
/// LOG_CONTAINER objects whose contents may split an object across two containers. Reads CAN_MESSAGE(2),
/// CAN_ERROR_EXT, CAN_FD_MESSAGE and CAN_FD_MESSAGE_64 and skips other object types. Layouts follow python-can's
/// blf.py (itself from Toby Lorenz's vector_blf); timestamps are the header's start time (UTC) plus the object's.
/// </summary>
public static class BlfLog
{
    private const int ObjectHeaderBase = 16;                    // "LOBJ", header size, header version, object size, type
    private const int ContainerHeader = 16;                     // compression method, reserved, uncompressed size, reserved

    private const uint CanMessage = 1, LogContainer = 10, CanErrorExt = 73, CanMessage2 = 86, CanFdMessage = 100, CanFdMessage64 = 101;
    private const uint ExtendedFlag = 0x8000_0000;
    private const byte DirectionTx = 0x01, RemoteFlag = 0x80;   // CAN_MESSAGE flags
    private const byte FdEdl = 0x01, FdBrs = 0x02, FdEsi = 0x04; // CAN_FD_MESSAGE fd_flags
    private const uint Fd64Remote = 0x0010, Fd64Edl = 0x1000, Fd64Brs = 0x2000, Fd64Esi = 0x4000; // CAN_FD_MESSAGE_64 flags

    public static IEnumerable<CanLogFrame> Read(Stream stream, string file = "<blf>", CanLogLimits? limits = null)
    {
        limits ??= CanLogLimits.Default;
        var header = ReadExactly(stream, 8, file, 0, "the LOGG file header");
        if (!header.AsSpan(0, 4).SequenceEqual("LOGG"u8)) CanLogException.AtOffset(file, 0, "not a BLF file: expected the signature 'LOGG'");
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        if (headerSize < 0x48 || headerSize > 4096) CanLogException.AtOffset(file, 4, $"file header size {headerSize} is outside 72..4096");
        var rest = ReadExactly(stream, headerSize - 8, file, 8, "the file header");
        // LOGG header: signature, size, application and version bytes, file size, uncompressed size, object count,
        // objects read, then the measurement start SYSTEMTIME at byte 40.
        double start = SystemTimeToUnix(rest.AsSpan(40 - 8, 16));
        long offset = headerSize;
        var pending = new List<byte>();
        while (true)
        {
            var baseHeader = new byte[ObjectHeaderBase];
            int got = ReadUpTo(stream, baseHeader);
            if (got == 0) yield break;
            if (got < ObjectHeaderBase) CanLogException.AtOffset(file, offset, "truncated object header");
            if (!baseHeader.AsSpan(0, 4).SequenceEqual("LOBJ"u8)) CanLogException.AtOffset(file, offset, "expected an object signature 'LOBJ'");
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(baseHeader.AsSpan(8));
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(baseHeader.AsSpan(12));
            if (size < ObjectHeaderBase || size > limits.MaxBlfObjectBytes)
                CanLogException.AtOffset(file, offset, $"object size {size} is outside {ObjectHeaderBase}..CanLogLimits.MaxBlfObjectBytes ({limits.MaxBlfObjectBytes})");
            var body = ReadExactly(stream, (int)size - ObjectHeaderBase, file, offset + ObjectHeaderBase, "the object body");
            ReadUpTo(stream, new byte[size % 4]);   // objects are padded to 4 bytes
            if (type == LogContainer)
            {
                pending.AddRange(Unpack(body, file, offset, limits));
                var data = pending.ToArray();
                int consumed = 0;
                foreach (var (frame, end) in ParseObjects(data, start, file, offset))
                {
                    consumed = end;
                    if (frame is not null) yield return frame;
                }
                pending.RemoveRange(0, consumed);
            }
            else
            {
                var whole = new byte[size];
                baseHeader.CopyTo(whole, 0);
                body.CopyTo(whole, ObjectHeaderBase);
                foreach (var (frame, _) in ParseObjects(whole, start, file, offset))
                    if (frame is not null) yield return frame;
            }
            offset += size + size % 4;
        }
    }

    private static byte[] Unpack(byte[] body, string file, long offset, CanLogLimits limits)
    {
        if (body.Length < ContainerHeader) CanLogException.AtOffset(file, offset, "LOG_CONTAINER shorter than its header");
        ushort method = BinaryPrimitives.ReadUInt16LittleEndian(body);
        uint uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(8));
        var payload = body.AsMemory(ContainerHeader);
        if (method == 0) return payload.ToArray();
        if (method != 2) CanLogException.AtOffset(file, offset, $"LOG_CONTAINER compression method {method} is unknown (expected 0 or 2 zlib)");
        if (uncompressed > limits.MaxBlfContainerBytes)
            CanLogException.AtOffset(file, offset, $"LOG_CONTAINER of {uncompressed} bytes exceeds CanLogLimits.MaxBlfContainerBytes ({limits.MaxBlfContainerBytes})");
        var output = new byte[uncompressed];
        try
        {
            using var z = new ZLibStream(new MemoryStream(payload.ToArray()), CompressionMode.Decompress);
            int n = 0;
            while (n < output.Length)
            {
                int r = z.Read(output, n, output.Length - n);
                if (r == 0) break;
                n += r;
            }
            return n == output.Length ? output : output[..n];
        }
        catch (InvalidDataException e)
        {
            CanLogException.AtOffset(file, offset, $"LOG_CONTAINER does not decompress: {e.Message}");
            return [];
        }
    }

    /// <summary>Parses whole objects from <paramref name="data"/>; yields each frame (or null for skipped objects) with the end of its object.</summary>
    private static IEnumerable<(CanLogFrame? Frame, int End)> ParseObjects(byte[] data, double start, string file, long fileOffset)
    {
        int pos = 0;
        while (true)
        {
            // Objects inside a container are padded; the next one starts within 8 bytes.
            int found = data.AsSpan(pos, Math.Min(8 + 4, data.Length - pos)).IndexOf("LOBJ"u8);
            if (found < 0)
            {
                if (pos + 8 + 4 > data.Length) yield break;   // the rest continues in the next container
                CanLogException.AtOffset(file, fileOffset, $"container byte {pos}: expected an object signature 'LOBJ'");
            }
            pos += found;
            if (pos + ObjectHeaderBase > data.Length) yield break;
            int headerSize = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(pos + 4));
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 8));
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos + 12));
            if (size < ObjectHeaderBase || headerSize < ObjectHeaderBase + 16 || headerSize > size)
                CanLogException.AtOffset(file, fileOffset, $"container byte {pos}: object size {size} / header size {headerSize} inconsistent");
            long next = pos + (long)size;
            if (next > data.Length) yield break;
            var obj = data.AsSpan(pos, (int)size);
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(obj[16..]);
            // Header v1 (flags, client index, object version) and v2 (flags, status, reserved, object version) both put the
            // 64-bit timestamp at byte 24; the flags say its unit (1: 10 µs, else 1 ns).
            ulong stamp = BinaryPrimitives.ReadUInt64LittleEndian(obj[24..]);
            double timestamp = stamp * (flags == 1 ? 1e-5 : 1e-9) + start;
            var frame = Decode(type, obj[headerSize..], headerSize, timestamp, file, fileOffset);
            pos = (int)next;
            yield return (frame, pos);
        }
    }

    private static CanLogFrame? Decode(uint type, ReadOnlySpan<byte> b, int headerSize, double timestamp, string file, long offset)
    {
        switch (type)
        {
            case CanMessage:
            case CanMessage2:
            {
                Need(b, 16, file, offset, "CAN_MESSAGE");
                uint id = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
                int dlc = b[3];
                return new CanLogFrame
                {
                    Timestamp = timestamp, Channel = BinaryPrimitives.ReadUInt16LittleEndian(b) - 1, Id = id & 0x1FFF_FFFF,
                    IsExtended = (id & ExtendedFlag) != 0, IsRemote = (b[2] & RemoteFlag) != 0, IsRx = (b[2] & DirectionTx) == 0,
                    Dlc = dlc, Data = b.Slice(8, Math.Min(dlc, 8)).ToArray(),
                };
            }
            case CanErrorExt:
            {
                Need(b, 32, file, offset, "CAN_ERROR_EXT");
                int dlc = b[10];
                uint id = BinaryPrimitives.ReadUInt32LittleEndian(b[16..]);
                return new CanLogFrame
                {
                    Timestamp = timestamp, Channel = BinaryPrimitives.ReadUInt16LittleEndian(b) - 1, IsError = true,
                    Id = id & 0x1FFF_FFFF, IsExtended = (id & ExtendedFlag) != 0, Dlc = dlc, Data = b.Slice(24, Math.Min(dlc, 8)).ToArray(),
                };
            }
            case CanFdMessage:
            {
                Need(b, 84, file, offset, "CAN_FD_MESSAGE");
                int dlc = b[3];
                uint id = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
                byte fdFlags = b[13];
                int valid = Math.Min((int)b[14], 64);
                return new CanLogFrame
                {
                    Timestamp = timestamp, Channel = BinaryPrimitives.ReadUInt16LittleEndian(b) - 1, Id = id & 0x1FFF_FFFF,
                    IsExtended = (id & ExtendedFlag) != 0, IsRemote = (b[2] & RemoteFlag) != 0, IsRx = (b[2] & DirectionTx) == 0,
                    IsFd = (fdFlags & FdEdl) != 0, BitrateSwitch = (fdFlags & FdBrs) != 0, ErrorStateIndicator = (fdFlags & FdEsi) != 0,
                    Dlc = FdDlc.Length(dlc), Data = b.Slice(20, valid).ToArray(),
                };
            }
            case CanFdMessage64:
            {
                Need(b, 40, file, offset, "CAN_FD_MESSAGE_64");
                int dlc = b[1];
                int valid = Math.Min((int)b[2], 64);
                uint id = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
                uint flags = BinaryPrimitives.ReadUInt32LittleEndian(b[12..]);
                byte direction = b[34];
                int extDataOffset = b[35];
                // python-can issue 1905: the payload may stop before valid_payload_length (at ext_data_offset, else the
                // object end); the rest reads as zeros, as CANoe's binlog.dll does.
                int available = (extDataOffset != 0 ? extDataOffset : b.Length + headerSize) - headerSize - 40;
                int present = Math.Clamp(Math.Min(valid, available), 0, Math.Max(0, b.Length - 40));
                var data = new byte[valid];
                b.Slice(40, present).CopyTo(data);
                return new CanLogFrame
                {
                    Timestamp = timestamp, Channel = b[0] - 1, Id = id & 0x1FFF_FFFF, IsExtended = (id & ExtendedFlag) != 0,
                    IsRemote = (flags & Fd64Remote) != 0, IsRx = direction == 0, IsFd = (flags & Fd64Edl) != 0,
                    BitrateSwitch = (flags & Fd64Brs) != 0, ErrorStateIndicator = (flags & Fd64Esi) != 0,
                    Dlc = FdDlc.Length(dlc), Data = data,
                };
            }
            default:
                return null;
        }
    }

    private static void Need(ReadOnlySpan<byte> b, int bytes, string file, long offset, string what)
    {
        if (b.Length < bytes) CanLogException.AtOffset(file, offset, $"{what} object has {b.Length} bytes of body, needs {bytes}");
    }

    /// <summary>SYSTEMTIME (year, month, weekday, day, hour, minute, second, ms) as UTC Unix seconds; 0 when invalid.</summary>
    private static double SystemTimeToUnix(ReadOnlySpan<byte> st)
    {
        Span<ushort> v = stackalloc ushort[8];
        for (int i = 0; i < 8; i++) v[i] = BinaryPrimitives.ReadUInt16LittleEndian(st[(2 * i)..]);
        try
        {
            var t = new DateTime(v[0], v[1], v[3], v[4], v[5], v[6], v[7], DateTimeKind.Utc);
            return (t - DateTime.UnixEpoch).TotalSeconds;
        }
        catch (ArgumentOutOfRangeException)
        {
            return 0;
        }
    }

    private static int ReadUpTo(Stream s, byte[] buffer)
    {
        int n = 0;
        while (n < buffer.Length)
        {
            int r = s.Read(buffer, n, buffer.Length - n);
            if (r == 0) break;
            n += r;
        }
        return n;
    }

    private static byte[] ReadExactly(Stream s, int count, string file, long offset, string what)
    {
        var buffer = new byte[count];
        if (ReadUpTo(s, buffer) != count) CanLogException.AtOffset(file, offset, $"file ends inside {what}");
        return buffer;
    }
}
