using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Tests;

/// <summary>Seeded random frames covering standard/extended ids, classic and FD lengths and the bitrate-switch flag.</summary>
public static class RandomFrames
{
    public static CanFrame Next(Random random, int bus = 0, double fdShare = 0.5)
    {
        bool extended = random.Next(2) == 0, fd = random.NextDouble() < fdShare;
        var data = new byte[fd ? Dlc.ToLength(random.Next(16)) : random.Next(9)];
        random.NextBytes(data);
        var frame = CanFrame.Create(bus, extended ? (uint)random.Next(0x1FFFFFFF) : (uint)random.Next(0x800), data, extended, fd);
        frame.BitrateSwitch = fd && random.Next(2) == 0;
        return frame;
    }
}
