using Pilot.Camerad.Sources;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Testing;
using Xunit;

namespace Pilot.Camerad.Tests;

public sealed class ReplaySourceTests
{
    private const long Ms = 1_000_000;

    [SkippableFact]
    public void ReplaysTheRecordedFramesAtTheirRecordedSpacingOnTheLiveClock()
    {
        TestData.RequireTool("ffmpeg");
        string root = Directory.CreateTempSubdirectory("replay").FullName;
        try
        {
            // Record frames 10..15 without 13 (dropped by the camera), each a flat grey of its own level.
            var g = FrameGeometry.For(64, 32);
            string route;
            using (var logger = new RouteLogger(root))
            {
                foreach (uint id in new uint[] { 10, 11, 12, 14, 15 })
                {
                    var pixels = new byte[g.Size];
                    pixels.AsSpan(0, g.UvOffset).Fill(Level(id));
                    pixels.AsSpan(g.UvOffset).Fill(128);
                    ulong sof = (ulong)(5_000 + 50 * (id - 10)) * Ms;
                    logger.WriteFrame(new FrameDescriptor(1, 0, 0, id, 2, sof, sof + 10 * Ms, g, sof), pixels);
                }
                route = logger.RoutePath;
            }

            using var source = new ReplaySource(route);
            using var inputs = new SubMaster([], transport: new StepTransport());
            Assert.Equal(g, source.Geometry);
            var frame = new byte[g.Size];
            var got = new List<(uint Id, ulong Sof, ulong Eof, double Luma)>();
            long start = 90_000 * Ms;
            foreach (long t in new[] { 0L, 20, 50, 100, 160, 250 })
                if (source.TryCapture(start + t * Ms, inputs, frame, out var c))
                    got.Add((c.FrameId, c.TimestampSof, c.TimestampEof, frame.AsSpan(0, g.UvOffset).ToArray().Average(b => b)));
            // Frame 14 was due at 200 ms and 15 at 250 ms: the poll at 250 ms shows 15 only (the newest due).
            Assert.Equal(new uint[] { 10, 11, 12, 15 }, got.Select(f => f.Id));
            Assert.Equal(new[] { 0L, 50, 100, 250 }.Select(t => (ulong)(start + t * Ms)), got.Select(f => f.Sof));
            Assert.All(got, f => Assert.Equal(f.Sof + 10 * Ms, f.Eof));
            Assert.All(got, f => Assert.InRange(f.Luma, Level(f.Id) - 3, Level(f.Id) + 3));   // H.264 is lossy
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void ARouteWithoutFramesIsRefused()
    {
        string root = Directory.CreateTempSubdirectory("replay").FullName;
        try
        {
            string route;
            using (var logger = new RouteLogger(root))
            {
                logger.Write(TestBusEvents.Clock(1_000 * Ms));
                route = logger.RoutePath;
            }
            var e = Assert.Throws<InvalidDataException>(() => new ReplaySource(route));
            Assert.Contains("no roadEncodeIdx", e.Message);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private static byte Level(uint id) => (byte)(40 + 30 * (id - 10));
}
