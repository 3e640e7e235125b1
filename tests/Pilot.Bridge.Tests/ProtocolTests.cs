using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public void DlcTableCoversClassicAndFdLengths()
    {
        int[] lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64];
        for (int dlc = 0; dlc < 16; dlc++)
        {
            Assert.Equal(lengths[dlc], Dlc.ToLength(dlc));
            Assert.Equal(dlc, Dlc.FromLength(lengths[dlc]));
        }
        foreach (int bad in new[] { 9, 13, 63, 65, -1, 300 }) Assert.Equal(-1, Dlc.FromLength(bad));
    }

    [Fact]
    public void HeaderLayoutIsPandas()
    {
        var frame = CanFrame.Create(2, 0x2E4, [0xAA, 0x55]);
        frame.Returned = true;
        Span<byte> packet = stackalloc byte[Packet.MaxSize];
        int size = Packet.Write(frame, packet);
        Assert.Equal(8, size);
        Assert.Equal((2 << 4) | (2 << 1), packet[0]);                     // DLC 2, bus 2, no FD
        uint word = BitConverter.ToUInt32(packet[1..5]);
        Assert.Equal((0x2E4u << 3) | 2, word);                              // address, returned
        byte xor = 0;
        foreach (byte b in packet[..size]) xor ^= b;
        Assert.Equal(0, xor);                                               // the checksum makes the XOR of all bytes zero
    }

    [Fact]
    public void PacketsRoundTripEveryLengthAndFlag()
    {
        var random = new Random(1);
        Span<byte> packet = stackalloc byte[Packet.MaxSize];
        for (int dlc = 0; dlc < 16; dlc++)
            foreach (bool extended in new[] { false, true })
            {
                var data = new byte[Dlc.ToLength(dlc)];
                random.NextBytes(data);
                uint address = extended ? (uint)random.Next(0, 0x1FFFFFFF) : (uint)random.Next(0, 0x800);
                var frame = CanFrame.Create(random.Next(3), address, data, extended, fd: dlc > 8);
                frame.Rejected = dlc % 2 == 0;
                int size = Packet.Write(frame, packet);
                var read = new CanFrame();
                Assert.Equal(PacketError.None, Packet.TryRead(packet[..size], ref read));
                Assert.Equal(frame.ToString(), read.ToString());
                Assert.Equal(frame.Fd, read.Fd);
            }
    }

    [Theory]
    [InlineData(0, PacketError.TooShort)]
    [InlineData(1, PacketError.UnknownDlc)]
    [InlineData(2, PacketError.LengthMismatch)]
    [InlineData(3, PacketError.BadChecksum)]
    [InlineData(4, PacketError.BadAddress)]
    public void BadPacketsAreNamed(int kind, PacketError expected)
    {
        var frame = CanFrame.Create(0, 0x123, [1, 2, 3, 4]);
        var packet = new byte[Packet.MaxSize];
        int size = Packet.Write(frame, packet);
        ReadOnlySpan<byte> bad = kind switch
        {
            0 => packet.AsSpan(0, 5),
            1 => Reseal(packet, size, p => p[0] = (byte)((p[0] & 0x0F) | (9 << 4))),          // DLC 9 without FD
            2 => packet.AsSpan(0, size - 1),
            3 => Flip(packet, size),
            _ => Reseal(packet, size, p => p[4] |= 0x80),                                      // 11-bit id above 0x7FF
        };
        var read = new CanFrame();
        Assert.Equal(expected, Packet.TryRead(bad, ref read));
        Assert.Equal(0u, read.Address);  // untouched on failure
    }

    private static byte[] Reseal(byte[] packet, int size, Action<byte[]> change)
    {
        var copy = packet[..size];
        change(copy);
        copy[5] = 0;
        byte x = 0;
        foreach (byte b in copy) x ^= b;
        copy[5] = x;
        return copy;
    }

    private static byte[] Flip(byte[] packet, int size)
    {
        var copy = packet[..size];
        copy[^1] ^= 0x04;
        return copy;
    }

    [Fact]
    public void CobsRoundTripsAndRemovesEveryZero()
    {
        var random = new Random(2);
        for (int i = 0; i < 3000; i++)
        {
            var data = new byte[random.Next(0, 600)];
            random.NextBytes(data);
            for (int z = 0; z < data.Length / 4; z++) data[random.Next(data.Length)] = 0;
            if (i % 7 == 0) Array.Fill(data, (byte)0x11);  // long zero-free runs: the 254-byte block boundary
            var encoded = new byte[Cobs.MaxEncodedLength(data.Length)];
            int n = Cobs.Encode(data, encoded);
            Assert.DoesNotContain((byte)0, encoded[..n]);
            var decoded = new byte[data.Length + 1];
            int m = Cobs.Decode(encoded.AsSpan(0, n), decoded);
            Assert.Equal(data, decoded[..m]);
        }
    }

    [Fact]
    public void ControlMessagesRoundTrip()
    {
        Assert.Equal((SafetyMode.Toyota, (ushort)73), Control.ReadSafetyMode(Control.SetSafetyMode(SafetyMode.Toyota, 73)));
        Assert.Equal((1, 500_000, 2_000_000), Control.ReadBitrate(Control.SetBitrate(1, 500_000, 2_000_000)));
        Assert.Equal((FaultKind.Drop, 7u), Control.ReadFault(Control.Fault(FaultKind.Drop, 7)));
        var car = CanFrame.Create(1, 0x1D2, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(car.ToString(), Control.ReadInjectRx(Control.InjectRx(car)).ToString());
        var health = new DeviceHealth { UptimeMs = 5, SafetyMode = SafetyMode.HondaBosch, ControlsAllowed = true, RxValid = true, TxBlocked = 9, HostPacketErrors = 3, BusOffMask = 4 };
        Assert.Equal(health, DeviceHealth.Read(Control.Health(health)));
    }

    [Fact]
    public void BadControlInputIsRefusedWithReasons()
    {
        Assert.Contains("outside", Assert.Throws<ArgumentOutOfRangeException>(() => Control.SetBitrate(0, 5_000)).Message);
        Assert.Contains("FD data bitrate", Assert.Throws<ArgumentOutOfRangeException>(() => Control.SetBitrate(0, 500_000, 100_000)).Message);
        Assert.Contains("bus 7", Assert.Throws<ArgumentOutOfRangeException>(() => Control.SetBitrate(7, 500_000)).Message);
        Assert.Contains("expected control Health", Assert.Throws<InvalidDataException>(() => DeviceHealth.Read(Control.Heartbeat())).Message);
        Assert.Contains("need 4", Assert.Throws<InvalidDataException>(() => Control.ReadSafetyMode(CanFrame.Create(Packet.ControlBus, 1, [1]))).Message);
        Assert.Contains("9 bytes", Assert.Throws<ArgumentException>(() => CanFrame.Create(0, 1, new byte[9])).Message);
        Assert.Contains("11-bit", Assert.Throws<ArgumentOutOfRangeException>(() => CanFrame.Create(0, 0x800, [])).Message);
    }
}
