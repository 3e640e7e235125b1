using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Daemons;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Driving;
using Pilot.Vision.Scenes;
using Xunit;
using MessagingServices = Pilot.Messaging.Services;

namespace Pilot.Modeld.Tests;

public sealed class ModeldTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void StepModePublishesModelV2OfTheServedFramesWithYLeft()
    {
        var bus = ModelFixture.Bus();
        var transport = new StepTransport();
        using var server = new VisionServer(VisionStream.Road, FrameGeometry.For(ModelFixture.Camera.Width, ModelFixture.Camera.Height), bus: bus);
        using var modeld = new Modeld(transport, new ModeldOptions
        {
            Weights = ModelFixture.Weights.Value, Camera = (_, _) => ModelFixture.Camera, VisionBus = bus,
        });
        Assert.Equal(new Schedule.Polled("roadCameraState"), modeld.Schedule);
        // The same frames through the vision library's own pipeline: modeld must publish its predictions, y negated.
        using var backend = new CpuBackend();
        var reference = new DrivingPipeline(ModelFixture.Camera, RoadCalibration.Level(), ModelFixture.Weights.Value, backend);

        transport.Inject(MessagingServices.Get("carState"), ModelFixture.CarState(20, 990 * Ms));
        var outputs = new List<ModelV2.Reader>();
        for (uint id = 0; id < 3; id++)
        {
            var frame = ModelFixture.Frame((int)id);
            var prediction = reference.Run(frame);
            var m = Publish(server, transport, modeld, frame, id, (1000 + 50 * id) * Ms);
            outputs.Add(m);
            Assert.Equal(id, m.FrameId);
            Assert.Equal(id == 0 ? 0 : id - 1, m.FrameIdExtra);
            Assert.Equal(0u, m.FrameAge);
            Assert.Equal(0f, m.FrameDropPerc);
            Assert.Equal((ulong)(1000 + 50 * id) * Ms, m.TimestampEof);
            Assert.True(m.ModelExecutionTime > 0);

            Assert.Equal(4, m.LaneLines.Count);
            Assert.Equal(2, m.RoadEdges.Count);
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal(33, m.LaneLines[k].Y.Count);
                for (int i = 0; i < 33; i++)
                {
                    Assert.Equal(ModelGrid.Distances[i], m.LaneLines[k].X[i]);
                    Assert.Equal(-prediction.LaneLines[k, i], m.LaneLines[k].Y[i], 4);
                }
                Assert.Equal(prediction.LaneLineProbs[k], m.LaneLineProbs[k], 5);
            }
            for (int i = 0; i < 33; i++) Assert.Equal(-prediction.RoadEdges[1, i], m.RoadEdges[1].Y[i], 4);
            Assert.Equal(33, m.Position.X.Count);
            for (int i = 0; i < 33; i++)
            {
                Assert.Equal(ModelGrid.Times[i], m.Position.T[i]);
                Assert.Equal(20 * ModelGrid.Times[i], m.Position.X[i], 4);
                Assert.Equal(-GridInterpolation.At(prediction.Path, 20 * ModelGrid.Times[i]), m.Position.Y[i], 4);
                Assert.Equal(20f, m.Velocity.X[i]);
            }
            Assert.Equal(3, m.Leads.Count);
            Assert.Equal(prediction.LeadProb, m.Leads[0].Prob, 5);
            Assert.Equal(prediction.LeadX, m.Leads[0].X[0], 3);
            Assert.Equal(-prediction.LeadY, m.Leads[0].Y[0], 4);
            Assert.Equal(prediction.LeadXStd, m.Leads[0].XStd[0], 3);
            // The lead 2 s ahead is extrapolated with the lead's speed and acceleration, and inherits their uncertainty.
            var (xStd, vStd, aStd) = (m.Leads[0].XStd[0], m.Leads[0].VStd[0], m.Leads[0].AStd[0]);
            Assert.Equal(MathF.Sqrt(xStd * xStd + 4 * vStd * vStd + 4 * aStd * aStd), m.Leads[1].XStd[0], 3);
            Assert.Equal(MathF.Sqrt(vStd * vStd + 4 * aStd * aStd), m.Leads[1].VStd[0], 3);
        }
        Assert.NotEqual(outputs[0].LaneLines[1].Y[10], outputs[2].LaneLines[1].Y[10]);   // the frames differ, so do the outputs
    }

    [Fact]
    public void FramesNotRunOnCountAsDropped()
    {
        var bus = ModelFixture.Bus();
        var transport = new StepTransport();
        using var server = new VisionServer(VisionStream.Road, FrameGeometry.For(ModelFixture.Camera.Width, ModelFixture.Camera.Height), bus: bus);
        using var modeld = new Modeld(transport, new ModeldOptions
        {
            Weights = ModelFixture.Weights.Value, Camera = (_, _) => ModelFixture.Camera, VisionBus = bus,
        });
        var frame = ModelFixture.Frame(0);
        var drops = new List<float>();
        for (uint id = 0; id < 3; id++) drops.Add(Publish(server, transport, modeld, frame, id, (1000 + 50 * id) * Ms).FrameDropPerc);
        // Frames 3 and 4 reach the pool while modeld is busy (no step for them); frame 5 is stepped on.
        for (uint id = 3; id < 5; id++) Serve(server, frame, id, (1000 + 50 * id) * Ms);
        var m = Publish(server, transport, modeld, frame, 5, 1250 * Ms);
        Assert.Equal(new[] { 0f, 0f, 0f }, drops);
        Assert.Equal(5u, m.FrameId);
        Assert.Equal(2u, m.FrameIdExtra);
        Assert.Equal(100f * 2 / 6, m.FrameDropPerc, 3);   // 6 camera frames, 2 of them never run on

        // A roadCameraState whose frame never reaches the pool publishes nothing.
        transport.Inject(MessagingServices.Get("roadCameraState"), ModelFixture.RoadCameraState(6, 1300 * Ms));
        modeld.Inputs.Update(0);
        modeld.Step();
        Assert.Empty(transport.Collect());
    }

    [Fact]
    public void MissingWeightsAreNamed()
    {
        var e = Assert.ThrowsAny<Exception>(() => new Modeld(new StepTransport(), new ModeldOptions { Weights = "/nonexistent/lanes.ckpt", VisionBus = ModelFixture.Bus() }));
        Assert.Contains("/nonexistent/lanes.ckpt", e.Message);
    }

    private static void Serve(VisionServer server, byte[] frame, uint id, long nowNs)
    {
        var g = server.Pool.Geometry;
        VideoReader.CopyToBuffer(frame, g.Width, g.Height, g, server.Acquire());
        server.Publish(id, (ulong)nowNs, (ulong)nowNs);
    }

    private static ModelV2.Reader Publish(VisionServer server, StepTransport transport, Modeld modeld, byte[] frame, uint id, long nowNs)
    {
        Serve(server, frame, id, nowNs);
        transport.Inject(MessagingServices.Get("roadCameraState"), ModelFixture.RoadCameraState(id, nowNs));
        transport.Collect();
        modeld.Inputs.Update(0);
        modeld.Step();
        var published = Assert.Single(transport.Collect());
        Assert.Equal("modelV2", published.Service.Name);
        return new Event.Reader(MessageReader.ReadFramed(published.Message).Root).ModelV2;
    }
}
