using System.Runtime.InteropServices;

namespace Pilot.Camerad.V4l2;

/// <summary>The few libc calls V4L2 capture needs. Each returns −1 and sets errno on failure (read with
/// <see cref="Marshal.GetLastPInvokeError"/>).</summary>
internal static unsafe partial class Libc
{
    public const int ReadWrite = 2, NonBlocking = 0x800;            // O_RDWR, O_NONBLOCK (x86-64 and arm64)
    public const int ProtRead = 1, ProtWrite = 2, MapShared = 1;
    public const int Eintr = 4, Eagain = 11;
    public const short PollIn = 1;
    public static readonly nint MapFailed = -1;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    /// <summary>The last error as text ("errno 16: Device or resource busy").</summary>
    public static string LastError()
    {
        int errno = Marshal.GetLastPInvokeError();
        return $"errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}";
    }
}
