using Pilot.Bridge.Adapters.SocketCan;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Serial;

namespace Pilot.Bridge.Tests;

public sealed class SocketCanTests
{
    [Fact]
    public void ClassicFramePacksAsLinuxCanFrame()
    {
        var buffer = new byte[SocketCanFrame.FdSize];
        int size = SocketCanFrame.Pack(CanFrame.Create(0, 0x123, [0xAA, 0xBB]), buffer);
        Assert.Equal(16, size);
        Assert.Equal(Convert.FromHexString("2301000002000000AABB000000000000"), buffer[..size]);
    }

    [Fact]
    public void ExtendedRemoteAndFdFramesSetTheirFlags()
    {
        var buffer = new byte[SocketCanFrame.FdSize];
        SocketCanFrame.Pack(CanFrame.Create(0, 0x1ABCDEF, [1], extended: true), buffer);
        Assert.Equal(0x81ABCDEFu, BitConverter.ToUInt32(buffer, 0));

        var remote = new CanFrame { Address = 0x7FF, Length = 8, Kind = FrameKind.Remote };
        SocketCanFrame.Pack(remote, buffer);
        Assert.Equal(0x400007FFu, BitConverter.ToUInt32(buffer, 0));
        Assert.All(buffer[8..16], b => Assert.Equal(0, b));  // a remote frame carries no data

        var fd = CanFrame.Create(0, 0x10, Enumerable.Range(1, 48).Select(i => (byte)i).ToArray(), fd: true);
        fd.BitrateSwitch = true;
        Assert.Equal(72, SocketCanFrame.Pack(fd, buffer));
        Assert.Equal((48, SocketCanFrame.FdFdf | SocketCanFrame.FdBrs), (buffer[4], buffer[5]));
        Assert.Equal(48, buffer[8 + 47]);
    }

    [Fact]
    public void PackUnpackRoundTrips()
    {
        var random = new Random(11);
        var buffer = new byte[SocketCanFrame.FdSize];
        for (int i = 0; i < 500; i++)
        {
            var frame = RandomFrames.Next(random);
            int size = SocketCanFrame.Pack(frame, buffer);
            var back = SocketCanFrame.Unpack(buffer.AsSpan(0, size));
            Assert.Equal(frame.ToString(), back.ToString());
            Assert.Equal((frame.Fd, frame.BitrateSwitch), (back.Fd, back.BitrateSwitch));
        }
    }

    [Theory]
    [InlineData("6000002008000000" + "0000000000000000", BusErrorState.BusOff)]       // CAN_ERR_BUSOFF
    [InlineData("0400002008000000" + "0020000000000000", BusErrorState.ErrorPassive)] // CAN_ERR_CRTL, TX_PASSIVE
    [InlineData("0400002008000000" + "0004000000000000", BusErrorState.ErrorWarning)] // CAN_ERR_CRTL, RX_WARNING
    [InlineData("0400002008000000" + "0001000000000000", BusErrorState.Overrun)]      // CAN_ERR_CRTL, RX_OVERFLOW
    [InlineData("0800002008000000" + "0000000000000000", BusErrorState.None)]         // CAN_ERR_PROT: no state change
    public void ErrorFramesMapToBusStates(string hex, BusErrorState expected)
    {
        var frame = SocketCanFrame.Unpack(Convert.FromHexString(hex));
        Assert.Equal((FrameKind.Error, expected), (frame.Kind, frame.Error));
    }

    [Fact]
    public void MalformedKernelFramesAreRefused()
    {
        Assert.Contains("16 or 72 bytes", Assert.Throws<InvalidDataException>(() => SocketCanFrame.Unpack(new byte[20])).Message);
        var tooLong = new byte[16];
        tooLong[4] = 9;
        Assert.Contains("exceeds the classic maximum", Assert.Throws<InvalidDataException>(() => SocketCanFrame.Unpack(tooLong)).Message);
    }

    [Fact]
    public void OpeningFailsWithAClearMessageWhereThereIsNoCan()
    {
        // Our machines have no CAN in the kernel; a machine with CAN has no interface of this name. Either way: a clear refusal.
        using var adapter = new SocketCanAdapter("pilotcan9");
        var e = Assert.Throws<LinkException>(adapter.Open);
        Assert.True(e.Message.Contains("this kernel has no SocketCAN support") || e.Message.Contains("no network interface named 'pilotcan9'"), e.Message);
        Assert.False(adapter.IsOpen);
        Assert.Contains("ip link set pilotcan9 type can bitrate 500000", Assert.Throws<NotSupportedException>(() => adapter.SetBitrate(0, 500_000)).Message);
        Assert.Throws<InvalidOperationException>(() => adapter.Send(CanFrame.Create(0, 1, [])));
    }
}
