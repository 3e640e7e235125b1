using Pilot.Camerad.Sources;
using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Daemons;
using Pilot.Sim.World;
using Pilot.Testing;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Scenes;
using Xunit;

namespace Pilot.Camerad.Tests;

public sealed class CameradTests
{
    private const long Ms = 1_000_000;

    [SkippableFact]
    public void StepModePublishesRoadCameraStateAndServesTheFrameFromSharedMemory()
    {
        string clip = TestData.Require("video/solidWhiteRight.mp4");
        var bus = TestBus.Create();
        var transport = new StepTransport();
        using var camerad = new Camerad(transport, new CameradOptions { Source = () => new VideoFileSource(clip, 20), VisionBus = bus });
        using var client = new VisionClient(VisionStream.Road, bus);
        Assert.Equal(new Schedule.Timed(20), camerad.Schedule);

        var published = new List<FrameData.Reader>();
        foreach (long t in new[] { 1000L, 1050, 1075, 1100 })
        {
            TestBus.AdvanceTo(transport, t * Ms);
            transport.Collect();
            camerad.Step();
            foreach (var p in transport.Collect())
            {
                Assert.Equal("roadCameraState", p.Service.Name);
                var ev = new Event.Reader(MessageReader.ReadFramed(p.Message).Root);
                Assert.True(ev.Valid);
                published.Add(ev.RoadCameraState);
            }
        }
        Assert.Equal(new uint[] { 0, 1, 2 }, published.Select(s => s.FrameId));   // nothing due at 1075 ms
        Assert.All(published, s => Assert.Equal((960u, 540u, FrameData.ImageSensor.Video), (s.Width, s.Height, s.Sensor)));
        Assert.Equal(1100 * Ms, (long)published[2].TimestampSof);
        Assert.Equal(9, published[0].Transform.Count);

        // The pool holds the frames, and a reader gets their descriptors with the same ids.
        using var clipFrames = new VideoReader(clip);
        Assert.True(clipFrames.TryRead(out var first));
        Assert.Equal(first.ToArray(), camerad.Pool.Buffer(0)[..first.Length].ToArray());
        foreach (uint id in new uint[] { 0, 1, 2 })
        {
            Assert.True(client.TryReceive(TimeSpan.FromSeconds(2), out var frame));
            Assert.Equal((id, (ulong)(1000 + 50 * id) * Ms), (frame.Descriptor.FrameId, frame.Descriptor.TimestampSof));
            Assert.True(frame.IsIntact);
        }
    }

    [Fact]
    public void SimulatorSourceRendersTheNewestSimulatorState()
    {
        var bus = TestBus.Create();
        var transport = new StepTransport();
        var camera = ModelView.Default.Camera;
        var mounting = RoadCalibration.Level(SimScene.CameraHeightM);
        using var camerad = new Camerad(transport, new CameradOptions
        {
            Source = () => new SimulatorSource(camera, mounting, s => SimScene.FromState(s), 20), VisionBus = bus,
        });
        transport.Collect();
        camerad.Step();
        Assert.Empty(transport.Collect());   // no simulator state yet: nothing to render

        var state = SimulatorState(2_000 * Ms, laneOffset: 0.4f, curvature: 0.002f, leadGap: 30);
        transport.Inject(Pilot.Messaging.Services.Get("simulatorState"), state);
        camerad.Inputs.Update(0);
        camerad.Step();
        var published = transport.Collect().Where(p => p.Service.Name == "roadCameraState").ToList();
        Assert.Single(published);

        // The next frame is due at 2050 ms; polled at 2070 ms it is exposed then, when its world is sampled, not at the
        // pacer's due time: start and end of frame alike.
        transport.Inject(Pilot.Messaging.Services.Get("simulatorState"), SimulatorState(2_070 * Ms, laneOffset: 0.4f, curvature: 0.002f, leadGap: 30));
        camerad.Inputs.Update(0);
        camerad.Step();
        var next = transport.Collect().Single(p => p.Service.Name == "roadCameraState");
        var frame = new Event.Reader(MessageReader.ReadFramed(next.Message).Root).RoadCameraState;
        Assert.Equal((1u, 2_070L * Ms, 2_070L * Ms), (frame.FrameId, (long)frame.TimestampSof, (long)frame.TimestampEof));

        var expected = new byte[camera.Width * camera.Height * 3 / 2];
        var reader = new Event.Reader(MessageReader.ReadFramed(state).Root).SimulatorState;
        new SceneRenderer(new RayTable(camera, mounting)).RenderNv12(SimScene.FromState(reader), expected);
        Assert.Equal(expected, camerad.Pool.Buffer(0)[..expected.Length].ToArray());
        Assert.Equal(-0.4, SimScene.FromState(reader).EgoOffset, 6);   // the state of this frame, not a default one
    }

    internal static byte[] SimulatorState(long nowNs, float laneOffset, float curvature, float leadGap)
    {
        var m = new MessageBuilder();
        var ev = new Event.Builder(m.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        ev.SetLogMonoTime((ulong)nowNs);
        ev.SetValid(true);
        var s = ev.InitSimulatorState();
        s.SetVEgo(25);
        s.SetLaneWidth(3.6f);
        s.SetLaneOffset(laneOffset);
        s.SetRoadCurvature(curvature);
        var vehicles = s.InitVehicles(1);
        vehicles[0].SetGap(leadGap);
        vehicles[0].SetSpeed(20);
        return m.ToFramedArray();
    }
}
