using Pilot.Vision.Camera.Calibration;
using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Camera.Tests;

public class SyntheticCalibrationTests
{
    private static readonly PinholeCamera Truth = new(520, 515, 322, 178, 640, 360, new Distortion(-0.22, 0.06, 0.001, -0.0015, 0));

    private static readonly (Vec3 Rotation, Vec3 Translation)[] Poses =
    [
        (new(0.05, -0.1, 0.02), new(-4, -2.5, 11)),
        (new(0.35, 0.1, -0.05), new(-4.5, -2.2, 10)),
        (new(-0.3, 0.25, 0.1), new(-3.5, -3, 12)),
        (new(0.1, -0.4, 0.0), new(-3, -2.5, 10.5)),
        (new(-0.2, -0.3, -0.15), new(-4.2, -2, 11.5)),
        (new(0.25, 0.35, 0.2), new(-4, -3.2, 12.5)),
    ];

    [Fact]
    public void Detected_corners_match_the_projected_truth_to_a_sixth_of_a_pixel()
    {
        var (rotation, translation) = Poses[1];
        var image = SyntheticBoard.Render(Truth, rotation, translation, 9, 6);
        var corners = ChessboardDetector.Find(image, 9, 6);
        Assert.NotNull(corners);
        double worst = 0;
        // The grid may come out in either orientation; compare as sets of nearest matches.
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 9; c++)
            {
                var (u, v) = SyntheticBoard.Corner(Truth, rotation, translation, c, r);
                double nearest = double.MaxValue;
                foreach (var p in corners!) nearest = Math.Min(nearest, Math.Sqrt((p.X - u) * (p.X - u) + (p.Y - v) * (p.Y - v)));
                worst = Math.Max(worst, nearest);
            }
        Assert.True(worst < 0.16, $"worst corner error {worst:F3} px");
    }

    [Fact]
    public void A_board_cut_by_the_image_border_is_not_reported()
    {
        var image = SyntheticBoard.Render(Truth, new(0, 0, 0), new(-2, -2.5, 6), 9, 6);  // too close: overflows the frame
        Assert.Null(ChessboardDetector.Find(image, 9, 6));
    }

    [Fact]
    public void Calibration_recovers_the_camera_that_rendered_the_views()
    {
        var views = Poses.Select((p, i) => ($"view{i}", SyntheticBoard.Render(Truth, p.Rotation, p.Translation, 9, 6))).ToList();
        var result = CameraCalibrator.Calibrate(views, 9, 6);
        var c = result.Camera;
        Assert.Equal(Poses.Length, result.UsedViews);
        Assert.True(result.RmsError < 0.15, $"rms {result.RmsError:F3} px");
        Assert.InRange(c.Fx, Truth.Fx * 0.99, Truth.Fx * 1.01);
        Assert.InRange(c.Fy, Truth.Fy * 0.99, Truth.Fy * 1.01);
        Assert.InRange(c.Cx, Truth.Cx - 3, Truth.Cx + 3);
        Assert.InRange(c.Cy, Truth.Cy - 3, Truth.Cy + 3);
        Assert.InRange(c.Lens.K1, Truth.Lens.K1 - 0.02, Truth.Lens.K1 + 0.02);
        // What matters downstream: the calibrated model maps rays to the same pixels as the true one.
        foreach (var (u, v) in new[] { (20.0, 20.0), (600.0, 340.0), (320.0, 180.0), (50.0, 300.0) })
        {
            var ray = Truth.Ray(u, v);
            Assert.True(c.TryProject(ray, out double pu, out double pv));
            Assert.True(Math.Abs(pu - u) < 0.5 && Math.Abs(pv - v) < 0.5, $"({u},{v}) reprojects to ({pu:F2},{pv:F2})");
        }
    }

    [Fact]
    public void Too_few_boards_is_a_clear_error()
    {
        var blank = new GrayImage(64, 48);
        var error = Assert.Throws<InvalidOperationException>(() => CameraCalibrator.Calibrate([("a", blank), ("b", blank)], 9, 6));
        Assert.Contains("found in 0 of 2 photos", error.Message);
    }
}
