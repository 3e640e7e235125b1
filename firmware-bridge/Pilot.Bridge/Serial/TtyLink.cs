using System.Runtime.InteropServices;

namespace Pilot.Bridge.Serial;

/// <summary>The link to a device could not be opened or was lost (unplugged, peer closed).</summary>
public sealed class LinkException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// A raw serial or USB-CDC tty (or pseudo-terminal) driven with read/write/poll directly. System.IO.Ports adds an I/O
/// thread hop per call (about 2 ms round trip on a pty here against 0.1 ms raw), too slow for 100 Hz control with
/// a 1 ms latency budget. One reader thread and any number of writers may use it at once (writes are serialised).
/// </summary>
public sealed partial class TtyLink : IDisposable
{
    private const int PollIntervalMs = 50;  // how often a blocked Read or Write re-checks for Dispose
    private readonly Lock _writeLock = new();
    private readonly Lock _closeLock = new();
    private int _fd;
    private bool _reading;  // a Read is using _fd: it closes the descriptor itself once disposed
    private volatile bool _disposed;

    private TtyLink(int fd, string path)
    {
        _fd = fd;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens <paramref name="path"/> in raw mode (8N1, no echo, no line discipline) at <paramref name="baud"/>.</summary>
    public static TtyLink Open(string path, int baud = 3_000_000)
    {
        // Non-blocking: an open never waits for a carrier, and a writer can give up on a peer that stopped reading.
        int fd = Native.open(path, Native.O_RDWR | Native.O_NOCTTY | Native.O_CLOEXEC | Native.O_NONBLOCK);
        if (fd < 0) throw new LinkException($"cannot open {path}: {Native.Describe(Marshal.GetLastPInvokeError())}");
        try
        {
            MakeRaw(fd, path, baud);
        }
        catch
        {
            Native.close(fd);
            throw;
        }
        return new TtyLink(fd, path);
    }

    /// <summary>Takes over an open non-blocking descriptor (a pseudo-terminal master); the link closes it.</summary>
    internal static TtyLink Adopt(int fd, string path) => new(fd, path);

    /// <summary>Raw mode on an open tty: 8N1, no echo, no line discipline.</summary>
    internal static void MakeRaw(int fd, string path, int baud)
    {
        var termios = new Native.Termios();
        if (Native.tcgetattr(fd, ref termios) != 0)
            throw new LinkException($"{path} is not a serial port or terminal: {Native.Describe(Marshal.GetLastPInvokeError())}");
        Native.cfmakeraw(ref termios);
        termios.c_cflag |= Native.CLOCAL | Native.CREAD;
        termios.c_cc[Native.VMIN] = 1;   // a read returns as soon as one byte is there
        termios.c_cc[Native.VTIME] = 0;
        Native.cfsetspeed(ref termios, Native.BaudConstant(baud));
        Native.tcsetattr(fd, Native.TCSANOW, ref termios);
    }

    /// <summary>
    /// Blocks until at least one byte arrives; returns the count, or 0 once the link is disposed.
    /// Throws <see cref="LinkException"/> when the device went away.
    /// </summary>
    public int Read(Span<byte> buffer)
    {
        lock (_closeLock)
        {
            if (_disposed) return 0;
            _reading = true;
        }
        try
        {
            return ReadOpen(buffer);
        }
        finally
        {
            lock (_closeLock)
            {
                _reading = false;
                if (_disposed) CloseDescriptor();
            }
        }
    }

    private int ReadOpen(Span<byte> buffer)
    {
        while (!_disposed)
        {
            var poll = new Native.PollFd { fd = _fd, events = Native.POLLIN };
            int ready = Native.poll(ref poll, 1, PollIntervalMs);
            if (ready == 0 || _disposed) continue;
            if (ready < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error == Native.EINTR) continue;
                throw Lost(error);
            }
            if ((poll.revents & (Native.POLLHUP | Native.POLLERR | Native.POLLNVAL)) != 0 && (poll.revents & Native.POLLIN) == 0)
                throw new LinkException($"{Path}: the device hung up");
            int n;
            unsafe
            {
                fixed (byte* p = buffer) n = (int)Native.read(_fd, p, (nint)buffer.Length);
            }
            if (n > 0) return n;
            if (n == 0) throw new LinkException($"{Path}: end of stream (device closed)");
            int err = Marshal.GetLastPInvokeError();
            if (err is Native.EINTR or Native.EAGAIN) continue;
            throw Lost(err);
        }
        return 0;
    }

    /// <summary>Writes all of <paramref name="data"/>, waiting as long as the peer needs; throws <see cref="LinkException"/> when the device went away.</summary>
    public void Write(ReadOnlySpan<byte> data) => Write(data, Timeout.Infinite);

    /// <summary>
    /// Writes as much of <paramref name="data"/> as the peer takes within <paramref name="timeoutMs"/> (0: what fits
    /// now, -1: all of it) and returns the bytes written; throws <see cref="LinkException"/> when the device went away.
    /// </summary>
    public int Write(ReadOnlySpan<byte> data, int timeoutMs)
    {
        lock (_writeLock)
        {
            int total = data.Length;
            long deadline = timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
            while (!data.IsEmpty)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                long n;
                unsafe
                {
                    fixed (byte* p = data) n = Native.write(_fd, p, (nint)data.Length);
                }
                if (n >= 0)
                {
                    data = data[(int)n..];
                    continue;
                }
                int err = Marshal.GetLastPInvokeError();
                if (err == Native.EINTR) continue;
                if (err != Native.EAGAIN) throw Lost(err);
                long left = deadline - Environment.TickCount64;
                if (left <= 0) break;  // the peer's buffer stayed full: the caller decides what is lost
                var poll = new Native.PollFd { fd = _fd, events = Native.POLLOUT };
                Native.poll(ref poll, 1, (int)Math.Min(left, PollIntervalMs));
            }
            return total - data.Length;
        }
    }

    private LinkException Lost(int errno) => new($"{Path}: link lost ({Native.Describe(errno)})");

    /// <summary>
    /// Closes the link. A Read in progress returns 0 within <see cref="PollIntervalMs"/> and closes the descriptor
    /// then: closing it under a thread still polling it could let a newly opened file take its number and its bytes.
    /// </summary>
    public void Dispose()
    {
        lock (_closeLock)
        {
            if (_disposed) return;
            _disposed = true;
            if (!_reading) CloseDescriptor();
        }
    }

    private void CloseDescriptor()
    {
        lock (_writeLock)
        {
            if (_fd < 0) return;
            Native.close(_fd);
            _fd = -1;
        }
    }
}
