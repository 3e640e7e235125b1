using Pilot.Vision.Camera.Calibration;
using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Camera.Tests;

public class GeometryTests
{
    [Theory]
    [InlineData(0.3, -0.2)]
    [InlineData(-0.6, 0.35)]
    [InlineData(0.0, 0.0)]
    public void Removing_distortion_inverts_applying_it(double x, double y)
    {
        var lens = new Distortion(-0.26, 0.046, -0.0005, 0.0002, -0.09);
        var (xd, yd) = lens.Apply(x, y);
        var (rx, ry) = lens.Remove(xd, yd);
        Assert.Equal(x, rx, 9);
        Assert.Equal(y, ry, 9);
    }

    [Fact]
    public void Barrel_distortion_pulls_points_towards_the_centre()
    {
        var (xd, _) = new Distortion(-0.2, 0, 0, 0, 0).Apply(0.5, 0);
        Assert.Equal(0.5 * (1 - 0.2 * 0.25), xd, 12);
    }

    [Fact]
    public void Rodrigues_round_trips_and_rotates_about_its_axis()
    {
        var r = new Vec3(0.3, -1.1, 0.7);
        var back = Rotation.ToRodrigues(Rotation.FromRodrigues(r));
        Assert.Equal(r.X, back.X, 9); Assert.Equal(r.Y, back.Y, 9); Assert.Equal(r.Z, back.Z, 9);
        var quarter = Rotation.FromRodrigues(new Vec3(0, 0, Math.PI / 2)) * new Vec3(1, 0, 0);
        Assert.Equal(0, quarter.X, 12); Assert.Equal(1, quarter.Y, 12);
        var half = Rotation.ToRodrigues(Rotation.FromRodrigues(new Vec3(Math.PI, 0, 0)));
        Assert.Equal(Math.PI, Math.Abs(half.X), 6);
    }

    [Fact]
    public void Homography_is_recovered_from_exact_correspondences()
    {
        var h = new Mat3(1.2, 0.1, 30, -0.05, 0.9, 12, 0.0004, -0.0002, 1);
        var board = new List<(double X, double Y)>();
        var image = new List<(double X, double Y)>();
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 4; j++)
            {
                board.Add((i * 50, j * 50));
                var p = h * new Vec3(i * 50, j * 50, 1);
                image.Add((p.X / p.Z, p.Y / p.Z));
            }
        var estimate = Homography.Estimate(board, image);
        Assert.Equal(h.M02, estimate.M02, 6);
        Assert.Equal(h.M20, estimate.M20, 9);
        Assert.Equal(h.M11, estimate.M11, 7);
    }

    [Fact]
    public void A_camera_pitched_down_sees_the_horizon_above_its_centre()
    {
        var camera = new PinholeCamera(900, 900, 640, 360, 1280, 720);
        var calibration = new RoadCalibration(0, 0.05, 0);
        Assert.True(camera.TryProject(calibration.RoadPointInCamera(10_000, 0), out _, out double v));
        // 10 km ahead the road is 0.1 px below the horizon line.
        Assert.InRange(v, 360 - 900 * Math.Tan(0.05), 360 - 900 * Math.Tan(0.05) + 0.2);
    }

    [Fact]
    public void Warp_sends_each_model_pixel_to_where_the_camera_sees_the_same_road_point()
    {
        var camera = new PinholeCamera(1150, 1140, 955, 610, 1928, 1208, new Distortion(-0.1, 0.02, 0, 0, 0));
        var calibration = new RoadCalibration(0.01, 0.04, -0.02, 1.3);
        var view = ModelView.Default;
        var warp = WarpMap.Create(camera, calibration, view);
        foreach (var (x, y) in new[] { (256, 200), (100, 250), (400, 120), (30, 90) })
        {
            // The road point under model pixel (x, y): the calibrated-view ray scaled to meet the road.
            var ray = RoadCalibration.ViewFromDevice.Transpose() * (view.Camera.K.Inverse() * new Vec3(x, y, 1));
            var road = (calibration.Height / ray.Z) * ray;
            Assert.True(view.TryProjectRoad(road.X, road.Y, calibration.Height, out double mu, out double mv));
            Assert.Equal(x, mu, 6); Assert.Equal(y, mv, 6);
            Assert.True(camera.TryProject(calibration.RoadPointInCamera(road.X, road.Y), out double u, out double v));
            var (su, sv) = warp.SourceOf(x, y);
            Assert.True(Math.Abs(su - u) < 0.01 && Math.Abs(sv - v) < 0.01, $"model ({x},{y}) → ({su},{sv}), road point is at ({u:F3},{v:F3})");
        }
    }

    [Fact]
    public void Identity_warp_copies_an_nv12_frame()
    {
        var view = new ModelView(64, 32, 40, 32, 16);
        var camera = view.Camera;
        var warp = WarpMap.Create(camera, RoadCalibration.Level(), view);
        var frame = new byte[64 * 32 * 3 / 2];
        for (int i = 0; i < frame.Length; i++) frame[i] = (byte)(i * 7 % 251);
        var output = new byte[frame.Length];
        warp.WarpNv12(frame, output);
        Assert.Equal(frame[..(64 * 32)], output[..(64 * 32)]);
        // Chroma is resampled at its own sites, so an identity warp copies it too (interior samples).
        Assert.Equal(frame[(64 * 32 + 2 * 32 + 2)..(64 * 32 + 2 * 32 + 30)], output[(64 * 32 + 2 * 32 + 2)..(64 * 32 + 2 * 32 + 30)]);
    }
}
