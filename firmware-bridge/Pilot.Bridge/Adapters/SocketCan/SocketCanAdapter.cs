using System.Diagnostics;
using System.Runtime.InteropServices;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Serial;

namespace Pilot.Bridge.Adapters.SocketCan;

/// <summary>
/// A Linux SocketCAN interface (can0, vcan0, a gs_usb or PCAN adapter's netdev) through a raw CAN socket. One bus.
/// Bitrates belong to the network interface (netlink, CAP_NET_ADMIN), so <see cref="SetBitrate"/> says how to set them.
/// </summary>
public sealed class SocketCanAdapter(string interfaceName, bool fd = false) : ICanAdapter
{
    private const int PollIntervalMs = 50;   // a blocked receive re-checks for Close this often
    private int _fd = -1;
    private long _received, _sent, _busErrors;
    private Exception? _failure;

    public string Description => $"socketcan {interfaceName}";
    public bool IsOpen => _fd >= 0 && _failure is null;
    public bool SupportsFd => fd;
    public int BusCount => 1;
    public AdapterStats Stats => new() { Received = _received, Sent = _sent, BusErrors = _busErrors };

    public void Open()
    {
        if (_fd >= 0) throw new InvalidOperationException($"{Description} is already open");
        int socket = SocketCanNative.socket(SocketCanNative.AF_CAN, SocketCanNative.SOCK_RAW | SocketCanNative.SOCK_CLOEXEC, SocketCanNative.CAN_RAW);
        if (socket < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string why = errno is SocketCanNative.EAFNOSUPPORT or SocketCanNative.EPROTONOSUPPORT
                ? "this kernel has no SocketCAN support (load the can and can_raw modules, or use a serial adapter: slcan or the Pilot device)"
                : Marshal.GetPInvokeErrorMessage(errno);
            throw new LinkException($"{Description}: socket(AF_CAN, SOCK_RAW, CAN_RAW) failed with errno {errno}: {why}");
        }
        try
        {
            uint index = SocketCanNative.if_nametoindex(interfaceName);
            if (index == 0) throw new LinkException($"{Description}: no network interface named '{interfaceName}' (create one with: ip link add dev {interfaceName} type vcan)");
            unsafe
            {
                uint errorMask = SocketCanNative.CAN_ERR_MASK;  // deliver every class of error frame
                SocketCanNative.setsockopt(socket, SocketCanNative.SOL_CAN_RAW, SocketCanNative.CAN_RAW_ERR_FILTER, &errorMask, sizeof(uint));
                int on = 1;
                if (fd && SocketCanNative.setsockopt(socket, SocketCanNative.SOL_CAN_RAW, SocketCanNative.CAN_RAW_FD_FRAMES, &on, sizeof(int)) != 0)
                    throw new LinkException($"{Description}: the kernel refused CAN FD frames ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }
            var address = new SocketCanNative.SockAddrCan { can_family = SocketCanNative.AF_CAN, can_ifindex = (int)index };
            if (SocketCanNative.bind(socket, ref address, Marshal.SizeOf<SocketCanNative.SockAddrCan>()) != 0)
                throw new LinkException($"{Description}: bind failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        catch
        {
            Serial.Native.close(socket);
            throw;
        }
        _fd = socket;
    }

    public void Close()
    {
        if (_fd < 0) return;
        Serial.Native.close(_fd);
        _fd = -1;
    }

    public void Dispose() => Close();

    public void SetBitrate(int bus, int bitrate, int dataBitrate = 0) =>
        throw new NotSupportedException($"{Description}: a SocketCAN bitrate is a property of the interface; set it with " +
            $"'ip link set {interfaceName} type can bitrate {bitrate}{(dataBitrate > 0 ? $" dbitrate {dataBitrate} fd on" : "")}' (needs CAP_NET_ADMIN)");

    public void Send(in CanFrame frame)
    {
        if (frame.Bus != 0) throw new ArgumentOutOfRangeException(nameof(frame), $"bus {frame.Bus}: a SocketCAN interface is one bus, 0");
        if (frame.Fd && !fd) throw new NotSupportedException($"{Description} was opened without CAN FD");
        Span<byte> buffer = stackalloc byte[SocketCanFrame.FdSize];
        int size = SocketCanFrame.Pack(frame, buffer);
        long written;
        unsafe
        {
            fixed (byte* p = buffer) written = Serial.Native.write(Socket, p, size);
        }
        if (written != size) throw new LinkException($"{Description}: write failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        _sent++;
    }

    public bool TryReceive(out CanFrame frame, TimeSpan timeout)
    {
        frame = default;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        Span<byte> buffer = stackalloc byte[SocketCanFrame.FdSize];
        while (_fd >= 0)
        {
            int waitMs = (int)Math.Clamp((deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency, 0, PollIntervalMs);
            var poll = new Serial.Native.PollFd { fd = _fd, events = Serial.Native.POLLIN };
            if (Serial.Native.poll(ref poll, 1, waitMs) > 0)
            {
                long n;
                unsafe
                {
                    fixed (byte* p = buffer) n = Serial.Native.read(_fd, p, buffer.Length);
                }
                if (n <= 0)
                {
                    _failure = new LinkException($"{Description}: read failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
                    return false;
                }
                frame = SocketCanFrame.Unpack(buffer[..(int)n]);
                frame.TimestampNs = (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
                if (frame.Kind == FrameKind.Error) _busErrors++;
                _received++;
                return true;
            }
            if (Stopwatch.GetTimestamp() >= deadline) return false;
        }
        return false;
    }

    private int Socket => _fd >= 0 ? _fd : throw new InvalidOperationException($"{Description} is not open");
}
