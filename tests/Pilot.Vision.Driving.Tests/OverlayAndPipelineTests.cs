using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Driving.Overlay;
using Pilot.Vision.Models;
using Pilot.Vision.Scenes;

namespace Pilot.Vision.Driving.Tests;

public class OverlayAndPipelineTests
{
    private static readonly PinholeCamera Camera = new(900, 900, 480, 270, 960, 540);
    private static readonly RoadCalibration Mounting = new(0, 0.02, 0, 1.25);

    [Fact]
    public void Lane_lines_are_drawn_where_the_road_point_projects()
    {
        var frame = new byte[960 * 540 * 3 / 2];
        var raw = new float[DrivingOutputs.Length];
        for (int i = 0; i < DrivingOutputs.Points; i++)
        {
            raw[DrivingOutputs.LaneMean + 33 + i] = -1.8f;
            raw[DrivingOutputs.LaneMean + 66 + i] = 1.8f;
        }
        raw[DrivingOutputs.LaneProb + 1] = raw[DrivingOutputs.LaneProb + 2] = 5;
        raw[DrivingOutputs.LaneProb] = raw[DrivingOutputs.LaneProb + 3] = -5;  // not drawn
        raw[DrivingOutputs.LeadProb] = -5;
        for (int e = 0; e < 2; e++) for (int i = 0; i < 33; i++) raw[DrivingOutputs.EdgeMean + e * 33 + i] = e == 0 ? -30 : 30;  // off-screen
        for (int i = 0; i < 33; i++) raw[DrivingOutputs.PathMean + i] = 0;
        PredictionOverlay.Draw(frame, Camera, Mounting, DrivingPrediction.Decode(raw));

        var green = Nv12Canvas.Color(40, 220, 60);
        foreach (double y in new[] { -1.8, 1.8 })
        {
            Assert.True(Camera.TryProject(Mounting.RoadPointInCamera(20, y), out double u, out double v));
            Assert.Equal(green.Y, frame[(int)Math.Round(v) * 960 + (int)Math.Round(u)]);
        }
        Assert.True(Camera.TryProject(Mounting.RoadPointInCamera(20, 5.4), out double fu, out double fv));
        Assert.Equal(0, frame[(int)Math.Round(fv) * 960 + (int)Math.Round(fu)]);  // the far-right line was improbable
    }

    [Fact]
    public void The_pipeline_loads_weights_warps_frames_and_is_deterministic()
    {
        string weights = Path.Combine(Path.GetTempPath(), $"pilot-lanes-{Guid.NewGuid():N}.ckpt");
        try
        {
            var model = DrivingNet.Create(batch: 1);
            model.Build(new CpuBackend(), seed: 3);
            ModelCheckpoint.Capture(model).Save(weights);

            var renderer = new SceneRenderer(new RayTable(Camera, Mounting));
            var frame = new byte[960 * 540 * 3 / 2];
            var scene = SceneSampler.Sample(4, 2) with { CameraHeight = Mounting.Height, MountingError = default };
            renderer.RenderNv12(scene, frame);

            var a = new DrivingPipeline(Camera, Mounting, weights, new CpuBackend());
            var b = new DrivingPipeline(Camera, Mounting, weights, new CpuBackend());
            var first = a.Run(frame);
            var second = b.Run(frame);
            Assert.Equal(first.Path, second.Path);
            Assert.All(first.Path, v => Assert.True(float.IsFinite(v)));
            Assert.InRange(first.LeadProb, 0f, 1f);
        }
        finally { File.Delete(weights); }
    }
}
