using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Modeld.Output;
using Pilot.Vision.Scenes;
using Xunit;
using O = Pilot.Vision.Driving.DrivingOutputs;

namespace Pilot.Modeld.Tests;

public sealed class ModelV2WriterTests
{
    [Fact]
    public void RawOutputsBecomeModelV2InSiUnitsWithYLeft()
    {
        var raw = new float[O.Length];
        for (int i = 0; i < ModelGrid.Points; i++)
        {
            raw[O.LaneMean + 1 * ModelGrid.Points + i] = 1.5f;   // left lane line 1.5 m to the RIGHT in the network's frame
            raw[O.PathMean + i] = 0.5f;
            raw[O.PathScale + i] = -2;                           // path std √2·e⁻² = 0.19 m
        }
        raw[O.LeadProb] = 10;
        raw[O.LeadMean] = 3; raw[O.LeadMean + 1] = 0.2f; raw[O.LeadMean + 2] = 2; raw[O.LeadMean + 3] = -4;   // 30 m, 0.2 m right, 20 m/s, −4 m/s²

        var message = new MessageBuilder();
        var m = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitModelV2();
        new ModelV2Writer().Write(m, raw, vEgo: 25, cameraHeight: 1.22f);
        var r = new Event.Reader(MessageReader.ReadFramed(message.ToFramedArray()).Root).ModelV2;

        Assert.Equal(-1.5f, r.LaneLines[1].Y[7]);
        Assert.Equal(0f, r.LaneLines[0].Y[7]);
        Assert.Equal(-1.22f, r.LaneLines[1].Z[7]);
        Assert.Equal(0.5f, r.LaneLineProbs[1]);
        Assert.Equal(MathF.Sqrt(2), r.LaneLineStds[0], 5);
        Assert.Equal(25 * ModelGrid.Times[32], r.Position.X[32], 4);
        for (int i = 0; i < ModelGrid.Points; i++) Assert.Equal((-0.5f, 0f), (r.Position.Y[i], r.Velocity.Y[i]));
        Assert.Equal(ModelV2.Confidence.Green, r.Confidence);

        // The lead brakes to a stop after 5 s; ego holds 25 m/s, so the gap closes and stays at zero.
        var now = r.Leads[0];
        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10 }, Enumerable.Range(0, now.T.Count).Select(i => now.T[i]));
        Assert.Equal(30f, now.X[0], 4);
        Assert.Equal(12f, now.X[1], 4);        // 30 + 20·2 − 4·2²/2 − 25·2
        Assert.Equal(12f, now.V[1], 4);
        Assert.Equal(0f, now.X[3]);            // 6 s: stopped at 80 m, ego at 150 m
        Assert.Equal((0f, 0f), (now.V[3], now.A[3]));
        Assert.Equal(-0.2f, now.Y[0], 5);
        Assert.Equal(12f, r.Leads[1].X[0], 4); // the lead 2 s ahead starts where the current one is at 2 s
        Assert.Equal(2f, r.Leads[1].ProbTime);
        // P(a < −3) for a Laplace(−4, 1) is 1 − e⁻¹/2, times the lead's probability.
        Assert.Equal((1 - MathF.Exp(-1) / 2) * O.Sigmoid(10), r.Meta.HardBrakeProb, 5);
    }
}
