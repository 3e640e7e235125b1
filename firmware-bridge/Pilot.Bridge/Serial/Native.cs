using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pilot.Bridge.Serial;

/// <summary>Linux libc calls and constants for raw ttys (values from the x86-64/arm64 glibc headers).</summary>
internal static partial class Native
{
    public const int O_RDWR = 0x2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const int TCSANOW = 0;
    public const uint CLOCAL = 0x800, CREAD = 0x80;
    public const int VTIME = 5, VMIN = 6;
    public const short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    public const int EINTR = 4, EAGAIN = 11;

    [StructLayout(LayoutKind.Sequential)]
    public struct Termios
    {
        public uint c_iflag, c_oflag, c_cflag, c_lflag;
        public byte c_line;
        public ControlChars c_cc;
        public uint c_ispeed, c_ospeed;
    }

    [InlineArray(32)]  // NCCS
    public struct ControlChars { private byte _element; }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int fd;
        public short events, revents;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_openpt(int flags);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int grantpt(int fd);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int unlockpt(int fd);
    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int ptsname_r(int fd, byte* buffer, nuint length);
    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(int fd, byte* buffer, nint count);
    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(int fd, byte* buffer, nint count);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(ref PollFd fds, nuint count, int timeoutMs);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcgetattr(int fd, ref Termios termios);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int tcsetattr(int fd, int action, ref Termios termios);
    [LibraryImport("libc")]
    public static partial void cfmakeraw(ref Termios termios);
    [LibraryImport("libc")]
    public static partial int cfsetspeed(ref Termios termios, uint speed);

    /// <summary>The termios speed constant for a baud rate (B9600 …); throws for a rate the kernel does not name.</summary>
    public static uint BaudConstant(int baud) => baud switch
    {
        9600 => 0xD, 19200 => 0xE, 38400 => 0xF, 57600 => 0x1001, 115200 => 0x1002, 230400 => 0x1003,
        460800 => 0x1004, 500000 => 0x1005, 921600 => 0x1007, 1000000 => 0x1008, 2000000 => 0x100B,
        3000000 => 0x100D, 4000000 => 0x100F,
        _ => throw new ArgumentOutOfRangeException(nameof(baud), $"{baud} baud is not a standard Linux tty rate"),
    };

    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
