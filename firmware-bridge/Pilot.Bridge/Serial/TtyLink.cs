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
    private const int PollIntervalMs = 50;  // how often a blocked Read re-checks for Dispose
    private readonly Lock _writeLock = new();
    private int _fd;
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
        int fd = Native.open(path, Native.O_RDWR | Native.O_NOCTTY | Native.O_CLOEXEC);
        if (fd < 0) throw new LinkException($"cannot open {path}: {Native.Describe(Marshal.GetLastPInvokeError())}");
        var termios = new Native.Termios();
        if (Native.tcgetattr(fd, ref termios) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            Native.close(fd);
            throw new LinkException($"{path} is not a serial port or terminal: {Native.Describe(error)}");
        }
        Native.cfmakeraw(ref termios);
        termios.c_cflag |= Native.CLOCAL | Native.CREAD;
        termios.c_cc[Native.VMIN] = 1;   // a read returns as soon as one byte is there
        termios.c_cc[Native.VTIME] = 0;
        Native.cfsetspeed(ref termios, Native.BaudConstant(baud));
        Native.tcsetattr(fd, Native.TCSANOW, ref termios);
        return new TtyLink(fd, path);
    }

    /// <summary>
    /// Blocks until at least one byte arrives; returns the count, or 0 once the link is disposed.
    /// Throws <see cref="LinkException"/> when the device went away.
    /// </summary>
    public int Read(Span<byte> buffer)
    {
        while (!_disposed)
        {
            var poll = new Native.PollFd { fd = _fd, events = Native.POLLIN };
            int ready = Native.poll(ref poll, 1, PollIntervalMs);
            if (ready == 0) continue;
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

    /// <summary>Writes all of <paramref name="data"/>; throws <see cref="LinkException"/> when the device went away.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_writeLock)
        {
            while (!data.IsEmpty)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                long n;
                unsafe
                {
                    fixed (byte* p = data) n = Native.write(_fd, p, (nint)data.Length);
                }
                if (n < 0)
                {
                    int err = Marshal.GetLastPInvokeError();
                    if (err is Native.EINTR or Native.EAGAIN) continue;
                    throw Lost(err);
                }
                data = data[(int)n..];
            }
        }
    }

    private LinkException Lost(int errno) => new($"{Path}: link lost ({Native.Describe(errno)})");

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (_writeLock)
        {
            Native.close(_fd);
            _fd = -1;
        }
    }
}
