using System.Runtime.InteropServices;

namespace Pilot.Bridge.Adapters.SocketCan;

/// <summary>libc socket calls for PF_CAN raw sockets (constants from linux/can.h, linux/can/raw.h, bits/socket.h).</summary>
internal static partial class SocketCanNative
{
    public const int AF_CAN = 29, SOCK_RAW = 3, CAN_RAW = 1, SOCK_CLOEXEC = 0x80000;
    public const int SOL_CAN_RAW = 101, CAN_RAW_ERR_FILTER = 2, CAN_RAW_FD_FRAMES = 5;
    public const uint CAN_ERR_MASK = 0x1FFF_FFFF;
    public const int EAFNOSUPPORT = 97, EPROTONOSUPPORT = 93;

    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrCan  // struct sockaddr_can: 24 bytes
    {
        public ushort can_family;
        public ushort pad;
        public int can_ifindex;
        public ulong addr0, addr1;  // union of tp/j1939 addresses, unused for raw
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);
    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, ref SockAddrCan address, int length);
    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int setsockopt(int fd, int level, int name, void* value, int length);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint if_nametoindex(string name);
}
