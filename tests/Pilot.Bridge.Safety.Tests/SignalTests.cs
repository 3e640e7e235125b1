using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Safety.Tests;

public sealed class SignalTests
{
    [Fact]
    public void ReadsBigEndianSignalsAsTheDbcDefinesThem()
    {
        byte[] data = [0x01, 0xFF, 0x38, 0xA5, 0, 0, 0, 0];
        Assert.Equal(1, new Signal(0, 1, false).Read(data));           // STEER_REQUEST 0|1
        Assert.Equal(-200, new Signal(15, 16, true).Read(data));       // STEER_TORQUE_CMD 15|16 signed: 0xFF38
        Assert.Equal(0xFF38, new Signal(15, 16, false).Read(data));
        Assert.Equal(0x5, new Signal(27, 4, false).Read(data));        // low nibble of byte 3
        Assert.Equal(0xA, new Signal(31, 4, false).Read(data));        // high nibble of byte 3
        Assert.Equal(0x1FF, new Signal(7, 10, false).Read([0x7F, 0xC0])); // 10 bits across two bytes
    }

    [Fact]
    public void WriteThenReadRoundTripsAndLeavesOtherBitsAlone()
    {
        var random = new Random(5);
        for (int i = 0; i < 2000; i++)
        {
            int length = random.Next(1, 17);
            int startByte = random.Next(0, 6), startBit = startByte * 8 + random.Next(0, 8);
            var signal = new Signal(startBit, length, random.Next(2) == 0);
            var data = new byte[8];
            random.NextBytes(data);
            var before = (byte[])data.Clone();
            int value = signal.Signed ? random.Next(-(1 << (length - 1)), 1 << (length - 1)) : random.Next(0, 1 << length);
            signal.Write(data, value);
            Assert.Equal(value, signal.Read(data));
            signal.Write(data, signal.Read(before));
            Assert.Equal(before, data);
        }
    }

    [Fact]
    public void ShortFrameReadsZero() => Assert.Equal(0, new Signal(47, 16, false).Read([1, 2, 3]));

    [Fact]
    public void RxCheckCounterRange()
    {
        Assert.Equal(3, new RxCheck(0x158, 0, 8, true, new Signal(61, 2, false), 10_000).MaxCounter);
        Assert.Equal(0, new RxCheck(0xAA, 0, 8, false, default, 12_000).MaxCounter);
    }

    [Fact]
    public void TorqueSamplesKeepTheLastSixWidenedByOne()
    {
        var samples = new TorqueSamples();
        foreach (int v in new[] { 100, -50, 7, 7, 7, 7, 7 }) samples.Push(v);
        Assert.Equal((-51, 8), (samples.Min, samples.Max));  // seven pushes: the first (100) has left the window
    }
}
