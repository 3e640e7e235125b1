using Pilot.Messaging.TestPeer;
using Pilot.Messaging.Vision;

namespace Pilot.Messaging.Tests;

/// <summary>Camera frames through shared memory between processes; descriptors over TCP or a shared-memory ring.</summary>
public class VisionTests
{
    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Shm)]
    public void ReadersInTwoProcessesSeeTheFramesInPlace(Transport kind)
    {
        var bus = TestBus.Of(kind);
        using var files = new ShmFiles(bus);
        using var camera = new PeerProcess(bus, "frames", "30", "20", "128", "96");
        camera.WaitFor("ready");
        using var reader = new PeerProcess(bus, "framereader", "30");
        reader.WaitFor("ready");
        using var local = new VisionClient(VisionStream.Road, bus);
        Thread.Sleep(300);
        camera.WriteLine("go");
        var seen = new List<uint>();
        while (seen.Count + local.Dropped < 30 && local.TryReceive(TimeSpan.FromSeconds(10), out var frame))
        {
            var d = frame.Descriptor;
            Assert.Equal((128, 96, 128), (d.Geometry.Width, d.Geometry.Height, d.Geometry.Stride));
            Assert.Equal(PeerEvents.Pattern(d.FrameId, 0), frame.Y[0]);
            Assert.Equal(PeerEvents.Pattern(d.FrameId, frame.Data.Length - 1), frame.Data[^1]);
            Assert.True(frame.IsIntact);
            seen.Add(d.FrameId);
        }
        // A reader descheduled for longer than the pool lasts (8 frames = 400 ms) loses frames; it never sees a wrong one.
        Assert.Equal(30, seen.Count + local.Dropped);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second > p.First), "frames arrive in order");
        Assert.True(seen.Count >= 20, $"only {seen.Count} of 30 frames at 20 Hz");
        var lines = reader.ReadToEnd();
        var stats = lines[^1].Split(' ');
        Assert.Equal(30, int.Parse(stats[1]) + int.Parse(stats[2]));
        Assert.Equal(int.Parse(stats[1]), lines.Count(l => l.EndsWith(" ok", StringComparison.Ordinal)));
        camera.WriteLine("exit");
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Shm)]
    public void SlowReaderDropsFramesAndNeverBlocksTheCamera(Transport kind)
    {
        var bus = TestBus.Of(kind);
        using var files = new ShmFiles(bus);
        // 60 frames at 100 Hz into a pool of 8; the reader spends 100 ms per frame.
        using var camera = new PeerProcess(bus, "frames", "60", "100", "64", "48");
        camera.WaitFor("ready");
        using var reader = new PeerProcess(bus, "framereader", "60", "100");
        reader.WaitFor("ready");
        Thread.Sleep(300);
        camera.WriteLine("go");
        camera.WaitFor("done");   // the camera finished on its own schedule while the reader lagged
        var lines = reader.ReadToEnd();
        var stats = lines[^1].Split(' ');
        long received = long.Parse(stats[1]), dropped = long.Parse(stats[2]);
        Assert.Equal(60, received + dropped);
        Assert.True(dropped > 0, "a reader 10x slower than the camera must lose frames");
        // A frame handed out intact but overwritten while the reader slept is reported torn, never silently wrong.
        Assert.DoesNotContain(lines, l => l.EndsWith(" bad", StringComparison.Ordinal));
        camera.WriteLine("exit");
    }

    [Fact]
    public void ReaderInTheSameProcessSeesTheCamerasBufferAndItsReuse()
    {
        var bus = TestBus.Tcp();
        using var server = new VisionServer(VisionStream.Road, FrameGeometry.For(64, 48), bufferCount: 2, bus: bus);
        using var client = new VisionClient(VisionStream.Road, bus);
        uint next = 0;
        for (int i = 0; i < 400 && client.Received == 0; i++)   // probe frames until the client is connected
        {
            server.Acquire();
            server.Publish(next++, 0, 0);
            client.TryReceive(TimeSpan.FromMilliseconds(25), out _);
        }
        while (client.TryReceive(TimeSpan.FromMilliseconds(200), out _)) { }
        long received = client.Received, dropped = client.Dropped;
        for (uint k = 0; k < 3; k++)
        {
            server.Acquire().Fill((byte)(k + 1));
            server.Publish(next + k, k, k);
        }
        // The first frame's buffer was reused by the third (pool of 2): it is dropped, the others are read in place.
        Assert.True(client.TryReceive(TimeSpan.FromSeconds(5), out var f1));
        Assert.Equal((next + 1, (byte)2), (f1.Descriptor.FrameId, f1.Data[100]));
        Assert.True(client.TryReceive(TimeSpan.FromSeconds(5), out var f2));
        Assert.Equal((next + 2, (byte)3), (f2.Descriptor.FrameId, f2.Data[100]));
        Assert.Equal((received + 2, dropped + 1), (client.Received, client.Dropped));
        server.Acquire();   // the camera starts overwriting frame 1's buffer: a reader still holding it can tell
        Assert.False(f1.IsIntact);
    }

    [Fact]
    public void DescriptorRoundTripsAndRejectsBadFormats()
    {
        var d = new FrameDescriptor(7, 0, 3, 42, 10, 1, 2, FrameGeometry.For(1928, 1208), 99);
        var bytes = new byte[FrameDescriptor.Size];
        d.Write(bytes);
        Assert.Equal(d, FrameDescriptor.Read(bytes));
        Assert.Equal(1984, d.Geometry.Stride);
        Assert.Equal(1984 * 1208 * 3 / 2, d.Geometry.Size);
        bytes[6] = 9;
        Assert.Contains("pixel format", Assert.Throws<FormatException>(() => FrameDescriptor.Read(bytes)).Message);
        Assert.Throws<ArgumentException>(() => FrameGeometry.For(101, 50));
    }
}
