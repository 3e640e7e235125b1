using System.Text;
using Pilot.Messaging.Vision;

namespace Pilot.Camerad.V4l2;

/// <summary>Capture formats camerad accepts from a V4L2 device, in order of preference.</summary>
public enum CaptureFormat { Nv12, Yuyv, Mjpeg }

/// <summary>A dequeued driver buffer: its bytes in the mmap'ed region and the driver's frame metadata.</summary>
public readonly ref struct CapturedBuffer
{
    internal CapturedBuffer(ReadOnlySpan<byte> data, uint sequence, ulong timestampNs, bool startOfExposure, uint index)
    {
        Data = data;
        Sequence = sequence;
        TimestampNs = timestampNs;
        StartOfExposure = startOfExposure;
        Index = index;
    }

    public ReadOnlySpan<byte> Data { get; }
    /// <summary>The driver's frame counter (gaps mean the driver dropped frames).</summary>
    public uint Sequence { get; }
    /// <summary>The driver's timestamp, ns on CLOCK_MONOTONIC.</summary>
    public ulong TimestampNs { get; }
    /// <summary>The timestamp marks the start of exposure (else the end of the frame, the V4L2 default).</summary>
    public bool StartOfExposure { get; }
    internal uint Index { get; }
}

/// <summary>
/// A V4L2 capture device streaming through mmap'ed driver buffers: QUERYCAP, S_FMT, REQBUFS, QUERYBUF + mmap, QBUF,
/// STREAMON, then DQBUF/QBUF per frame. The device is opened non-blocking; <see cref="TryDequeue"/> polls with a timeout.
/// Timestamps must be CLOCK_MONOTONIC (the clock of logMonoTime); a driver stamping otherwise is refused.
/// </summary>
public sealed unsafe class V4l2Camera : IDisposable
{
    public const int BufferCount = 4;   // driver buffers: one being filled, one being converted, two of slack at 20 Hz

    private int _fd;   // −1 once closed
    private readonly (nint Address, nuint Length)[] _buffers;
    private bool _streaming;

    public string Path { get; }
    public string Card { get; }
    public CaptureFormat Format { get; }
    public int Width { get; }
    public int Height { get; }
    public int BytesPerLine { get; }

    public V4l2Camera(string path, int width, int height, CaptureFormat format)
    {
        Path = path;
        _fd = Libc.Open(path, Libc.ReadWrite | Libc.NonBlocking);
        if (_fd < 0) throw new IOException($"{path}: cannot open ({Libc.LastError()})");
        _buffers = [];
        try
        {
            V4l2Abi.Capability cap;
            Ioctl(V4l2Abi.QueryCap, &cap, "VIDIOC_QUERYCAP");
            Card = Encoding.UTF8.GetString(new ReadOnlySpan<byte>(cap.Card, 32)).TrimEnd('\0');
            uint caps = (cap.Capabilities & V4l2Abi.CapDeviceCaps) != 0 ? cap.DeviceCaps : cap.Capabilities;
            if ((caps & V4l2Abi.CapVideoCapture) == 0 || (caps & V4l2Abi.CapStreaming) == 0)
                throw new IOException($"{path} ({Card}): not a streaming video capture device (capabilities 0x{caps:X8})");

            var fmt = new V4l2Abi.Format { Type = V4l2Abi.BufTypeVideoCapture };
            fmt.Pix.Width = (uint)width;
            fmt.Pix.Height = (uint)height;
            fmt.Pix.PixelFormat = FourCc(format);
            fmt.Pix.Field = V4l2Abi.FieldNone;
            Ioctl(V4l2Abi.SetFormat, &fmt, "VIDIOC_S_FMT");
            if (fmt.Pix.PixelFormat != FourCc(format))
                throw new IOException($"{path} ({Card}): does not capture {V4l2Abi.FourCc(FourCc(format))}, offers {V4l2Abi.FourCc(fmt.Pix.PixelFormat)}");
            (Format, Width, Height, BytesPerLine) = (format, (int)fmt.Pix.Width, (int)fmt.Pix.Height, (int)fmt.Pix.BytesPerLine);
            _ = FrameGeometry.For(Width, Height);   // the driver may have picked another size: it must still be 4:2:0-able

            var request = new V4l2Abi.RequestBuffers { Count = BufferCount, Type = V4l2Abi.BufTypeVideoCapture, Memory = V4l2Abi.MemoryMmap };
            Ioctl(V4l2Abi.RequestBuffersRequest, &request, "VIDIOC_REQBUFS");
            if (request.Count < 2) throw new IOException($"{path} ({Card}): driver granted {request.Count} buffers, need at least 2");
            _buffers = new (nint, nuint)[request.Count];
            for (uint i = 0; i < request.Count; i++)
            {
                var buffer = new V4l2Abi.Buffer { Index = i, Type = V4l2Abi.BufTypeVideoCapture, Memory = V4l2Abi.MemoryMmap };
                Ioctl(V4l2Abi.QueryBuffer, &buffer, "VIDIOC_QUERYBUF");
                nint address = Libc.Mmap(0, buffer.Length, Libc.ProtRead | Libc.ProtWrite, Libc.MapShared, _fd, buffer.Offset);
                if (address == Libc.MapFailed) throw new IOException($"{path}: mmap of buffer {i} ({buffer.Length} bytes) failed ({Libc.LastError()})");
                _buffers[i] = (address, buffer.Length);
                Ioctl(V4l2Abi.QueueBuffer, &buffer, "VIDIOC_QBUF");
            }
            int type = (int)V4l2Abi.BufTypeVideoCapture;
            Ioctl(V4l2Abi.StreamOn, &type, "VIDIOC_STREAMON");
            _streaming = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a filled buffer. Hand it back with <see cref="Requeue"/>.</summary>
    public bool TryDequeue(int timeoutMs, out CapturedBuffer captured)
    {
        captured = default;
        var pfd = new Libc.PollFd { Fd = _fd, Events = Libc.PollIn };
        int ready = Libc.Poll(&pfd, 1, timeoutMs);
        if (ready <= 0) return false;
        var buffer = new V4l2Abi.Buffer { Type = V4l2Abi.BufTypeVideoCapture, Memory = V4l2Abi.MemoryMmap };
        if (Libc.Ioctl(_fd, V4l2Abi.DequeueBuffer, &buffer) < 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno is Libc.Eagain or Libc.Eintr) return false;
            throw new IOException($"{Path}: VIDIOC_DQBUF failed ({Libc.LastError()})");
        }
        if ((buffer.Flags & V4l2Abi.BufFlagTimestampMask) != V4l2Abi.BufFlagTimestampMonotonic)
        {
            Requeue(buffer.Index);
            throw new IOException($"{Path}: driver timestamps are not CLOCK_MONOTONIC (flags 0x{buffer.Flags:X8})");
        }
        var (address, _) = _buffers[buffer.Index];
        captured = new CapturedBuffer(new ReadOnlySpan<byte>((void*)address, (int)buffer.BytesUsed), buffer.Sequence,
            buffer.Timestamp.Nanoseconds, (buffer.Flags & V4l2Abi.BufFlagTstampSrcMask) == V4l2Abi.BufFlagTstampSrcSoe, buffer.Index);
        return true;
    }

    /// <summary>Gives a dequeued buffer back to the driver.</summary>
    public void Requeue(uint index)
    {
        var buffer = new V4l2Abi.Buffer { Index = index, Type = V4l2Abi.BufTypeVideoCapture, Memory = V4l2Abi.MemoryMmap };
        Ioctl(V4l2Abi.QueueBuffer, &buffer, "VIDIOC_QBUF");
    }

    private void Ioctl(uint request, void* argument, string name)
    {
        while (Libc.Ioctl(_fd, request, argument) < 0)
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Libc.Eintr)
                throw new IOException($"{Path}: {name} failed ({Libc.LastError()})");
    }

    private static uint FourCc(CaptureFormat format) => format switch
    {
        CaptureFormat.Nv12 => V4l2Abi.PixFmtNv12,
        CaptureFormat.Yuyv => V4l2Abi.PixFmtYuyv,
        _ => V4l2Abi.PixFmtMjpeg,
    };

    public void Dispose()
    {
        if (_streaming)
        {
            int type = (int)V4l2Abi.BufTypeVideoCapture;
            Libc.Ioctl(_fd, V4l2Abi.StreamOff, &type);
            _streaming = false;
        }
        if (_fd < 0) return;
        foreach (var (address, length) in _buffers) if (address != 0) Libc.Munmap(address, length);
        Libc.Close(_fd);
        _fd = -1;
    }
}
