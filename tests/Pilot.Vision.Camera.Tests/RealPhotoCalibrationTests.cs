using Pilot.Vision.Camera.Calibration;
using Pilot.Testing;
using Xunit.Abstractions;

namespace Pilot.Vision.Camera.Tests;

/// <summary>Calibration on the 20 real photos of a 9×6 chessboard in shared/data/images/camera-cal.</summary>
public class RealPhotoCalibrationTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Real_photos_calibrate_with_subpixel_reprojection_error()
    {
        string folder = TestData.Require("images/camera-cal");
        var photos = Directory.GetFiles(folder, "*.jpg").Order().ToList();
        Assert.Equal(20, photos.Count);

        var result = CameraCalibrator.Calibrate(photos, columns: 9, rows: 6);

        foreach (var view in result.Views) output.WriteLine($"{view.Name}: found={view.Found} rms={view.RmsError:F3}");
        var c = result.Camera;
        output.WriteLine($"rms {result.RmsError:F4} fx {c.Fx:F1} fy {c.Fy:F1} cx {c.Cx:F1} cy {c.Cy:F1} k {c.Lens}");
        Assert.True(result.UsedViews >= 15, $"board found in only {result.UsedViews} of 20 photos");
        Assert.InRange(result.RmsError, 0.05, 1.0);
        // The lens is a strongly barrel-distorting wide-angle: k1 clearly negative, principal point near the centre.
        Assert.InRange(c.Lens.K1, -0.5, -0.1);
        Assert.InRange(c.Cx, 1280 / 2 - 60, 1280 / 2 + 60);
        Assert.InRange(c.Cy, 720 / 2 - 60, 720 / 2 + 60);
        Assert.InRange(c.Fx / c.Fy, 0.97, 1.03);
    }
}
