using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pilot.Camerad.V4l2;

/// <summary>
/// The parts of the kernel's V4L2 user API (linux/videodev2.h, 64-bit layout) that capture with mmap needs. Struct sizes
/// and field offsets are pinned with explicit layouts; a test compiles the kernel header and compares every one.
/// </summary>
internal static class V4l2Abi
{
    // Pixel formats: v4l2_fourcc(a, b, c, d) = a | b << 8 | c << 16 | d << 24.
    public const uint PixFmtYuyv = 'Y' | 'U' << 8 | 'Y' << 16 | 'V' << 24;
    public const uint PixFmtNv12 = 'N' | 'V' << 8 | '1' << 16 | '2' << 24;
    public const uint PixFmtMjpeg = 'M' | 'J' << 8 | 'P' << 16 | 'G' << 24;

    public const uint BufTypeVideoCapture = 1;     // V4L2_BUF_TYPE_VIDEO_CAPTURE
    public const uint MemoryMmap = 1;              // V4L2_MEMORY_MMAP
    public const uint FieldNone = 1;               // V4L2_FIELD_NONE: progressive frames
    public const uint CapVideoCapture = 0x1, CapStreaming = 0x04000000, CapDeviceCaps = 0x80000000;
    public const uint BufFlagTimestampMask = 0xE000, BufFlagTimestampMonotonic = 0x2000;
    public const uint BufFlagTstampSrcMask = 0x70000, BufFlagTstampSrcSoe = 0x10000;   // else the stamp is end of frame

    // ioctl request numbers: _IOC(dir, 'V', nr, size) = dir << 30 | size << 16 | 'V' << 8 | nr (asm-generic/ioctl.h).
    private const uint IocWrite = 1, IocRead = 2;
    public static readonly uint QueryCap = Ioc(IocRead, 0, Unsafe.SizeOf<Capability>());
    public static readonly uint GetFormat = Ioc(IocRead | IocWrite, 4, Unsafe.SizeOf<Format>());
    public static readonly uint SetFormat = Ioc(IocRead | IocWrite, 5, Unsafe.SizeOf<Format>());
    public static readonly uint RequestBuffersRequest = Ioc(IocRead | IocWrite, 8, Unsafe.SizeOf<RequestBuffers>());
    public static readonly uint QueryBuffer = Ioc(IocRead | IocWrite, 9, Unsafe.SizeOf<Buffer>());
    public static readonly uint QueueBuffer = Ioc(IocRead | IocWrite, 15, Unsafe.SizeOf<Buffer>());
    public static readonly uint DequeueBuffer = Ioc(IocRead | IocWrite, 17, Unsafe.SizeOf<Buffer>());
    public static readonly uint StreamOn = Ioc(IocWrite, 18, sizeof(int));
    public static readonly uint StreamOff = Ioc(IocWrite, 19, sizeof(int));

    private static uint Ioc(uint dir, uint nr, int size) => dir << 30 | (uint)size << 16 | 'V' << 8 | nr;

    public static string FourCc(uint code) =>
        string.Concat(Enumerable.Range(0, 4).Select(i => (char)((code >> (8 * i)) & 0xFF)));

    /// <summary>struct v4l2_capability (104 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 104)]
    public unsafe struct Capability
    {
        [FieldOffset(0)] public fixed byte Driver[16];
        [FieldOffset(16)] public fixed byte Card[32];
        [FieldOffset(48)] public fixed byte BusInfo[32];
        [FieldOffset(80)] public uint Version;
        [FieldOffset(84)] public uint Capabilities;
        [FieldOffset(88)] public uint DeviceCaps;
    }

    /// <summary>struct v4l2_pix_format (48 bytes), the single-planar member of v4l2_format's union.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    public struct PixFormat
    {
        [FieldOffset(0)] public uint Width;
        [FieldOffset(4)] public uint Height;
        [FieldOffset(8)] public uint PixelFormat;
        [FieldOffset(12)] public uint Field;
        [FieldOffset(16)] public uint BytesPerLine;
        [FieldOffset(20)] public uint SizeImage;
        [FieldOffset(24)] public uint Colorspace;
        [FieldOffset(28)] public uint Priv;
        [FieldOffset(32)] public uint Flags;
        [FieldOffset(36)] public uint YcbcrEnc;
        [FieldOffset(40)] public uint Quantization;
        [FieldOffset(44)] public uint XferFunc;
    }

    /// <summary>struct v4l2_format (208 bytes): the union starts at 8 because some members hold pointers.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 208)]
    public struct Format
    {
        [FieldOffset(0)] public uint Type;
        [FieldOffset(8)] public PixFormat Pix;
    }

    /// <summary>struct v4l2_requestbuffers (20 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 20)]
    public struct RequestBuffers
    {
        [FieldOffset(0)] public uint Count;
        [FieldOffset(4)] public uint Type;
        [FieldOffset(8)] public uint Memory;
        [FieldOffset(12)] public uint Capabilities;
        [FieldOffset(16)] public byte Flags;
    }

    /// <summary>struct timeval as the 64-bit kernel ABI lays it out in v4l2_buffer (16 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 16)]
    public struct TimeVal
    {
        [FieldOffset(0)] public long Seconds;
        [FieldOffset(8)] public long Microseconds;

        public readonly ulong Nanoseconds => (ulong)(Seconds * 1_000_000_000 + Microseconds * 1000);
    }

    /// <summary>struct v4l2_buffer (88 bytes); <see cref="Offset"/> is the union member for MMAP buffers.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 88)]
    public struct Buffer
    {
        [FieldOffset(0)] public uint Index;
        [FieldOffset(4)] public uint Type;
        [FieldOffset(8)] public uint BytesUsed;
        [FieldOffset(12)] public uint Flags;
        [FieldOffset(16)] public uint Field;
        [FieldOffset(24)] public TimeVal Timestamp;
        [FieldOffset(40)] public ulong Timecode0;   // struct v4l2_timecode (16 bytes), unused
        [FieldOffset(48)] public ulong Timecode1;
        [FieldOffset(56)] public uint Sequence;
        [FieldOffset(60)] public uint Memory;
        [FieldOffset(64)] public uint Offset;
        [FieldOffset(72)] public uint Length;
        [FieldOffset(76)] public uint Reserved2;
        [FieldOffset(80)] public int RequestFd;
    }
}
