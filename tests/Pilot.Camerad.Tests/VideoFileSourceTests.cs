using Pilot.Camerad.Sources;
using Pilot.Messaging;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Testing;
using Xunit;

namespace Pilot.Camerad.Tests;

public sealed class VideoFileSourceTests
{
    private const long Ms = 1_000_000;

    [SkippableFact]
    public void DeliversTheClipAtTwentyHertzSkippingFramesWhoseTimePassed()
    {
        string clip = TestData.Require("video/solidWhiteRight.mp4");
        using var source = new VideoFileSource(clip, 20);
        using var inputs = new SubMaster([], transport: new StepTransport());
        Assert.Equal(960, source.Geometry.Width);
        var frame = new byte[source.Geometry.Size];
        var ids = new List<uint>();
        var frames = new List<byte[]>();
        long start = 5_000 * Ms;
        // Polled at 0, 25, 50, 100 and 200 ms: nothing is due at 25 ms, and frame 3 (150 ms) was missed by a late loop.
        foreach (long t in new[] { 0L, 25, 50, 100, 200 })
            if (source.TryCapture(start + t * Ms, inputs, frame, out var captured))
            {
                ids.Add(captured.FrameId);
                Assert.Equal((ulong)(start + captured.FrameId * 50 * Ms), captured.TimestampSof);
                frames.Add((byte[])frame.Clone());
            }
        Assert.Equal(new uint[] { 0, 1, 2, 4 }, ids);

        // Camera frame k shows the clip (25 fps) at k/20 s: frame 0 is clip frame 0, frame 4 (0.2 s) is clip frame 5.
        using var clipFrames = new VideoReader(clip);
        var clipFrame = new List<byte[]>();
        while (clipFrames.Packet < 6 && clipFrames.TryRead(out var f)) clipFrame.Add(f.ToArray());
        Assert.Equal(clipFrame[0], frames[0][..clipFrame[0].Length]);
        Assert.Equal(clipFrame[5], frames[3][..clipFrame[5].Length]);
        Assert.NotEqual(clipFrame[0], frames[3][..clipFrame[0].Length]);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new VideoFileSource("/nonexistent/clip.mp4", 20));
        Assert.Contains("/nonexistent/clip.mp4", e.Message);
    }
}
