using System.CommandLine;
using System.Globalization;
using Pilot.Vision.Camera.Calibration;

namespace Pilot.Cli;

/// <summary><c>pilot vision ...</c>: camera tools (calibration from chessboard photos).</summary>
internal static class VisionCommands
{
    public static Command Create()
    {
        var group = new Command("vision", "Camera and vision tools.");
        group.Subcommands.Add(Calibrate());
        return group;
    }

    private static Command Calibrate()
    {
        var folder = new Argument<DirectoryInfo>("photos") { Description = "Folder of PNG/JPEG photos of one chessboard taken by one camera." };
        var columns = new Option<int>("--columns") { Description = "Inner corners along the board's long side.", DefaultValueFactory = _ => 9 };
        var rows = new Option<int>("--rows") { Description = "Inner corners along the board's short side.", DefaultValueFactory = _ => 6 };
        var square = new Option<double>("--square") { Description = "Side of one square, metres (only scales the poses).", DefaultValueFactory = _ => 1.0 };
        var command = new Command("calibrate", "Calibrate a camera (intrinsics and lens distortion) from chessboard photos.") { folder, columns, rows, square };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(folder)!;
            if (!dir.Exists) { Console.Error.WriteLine($"error: folder not found: {dir.FullName}"); return 2; }
            var photos = dir.GetFiles().Where(f => f.Extension.ToLowerInvariant() is ".jpg" or ".jpeg" or ".png")
                .Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
            if (photos.Count == 0) { Console.Error.WriteLine($"error: no PNG or JPEG photos in {dir.FullName}"); return 2; }
            CalibrationResult result;
            try { result = CameraCalibrator.Calibrate(photos, parse.GetValue(columns), parse.GetValue(rows), parse.GetValue(square)); }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            var inv = CultureInfo.InvariantCulture;
            foreach (var view in result.Views)
                Console.WriteLine(view.Found ? string.Create(inv, $"{view.Name,-24} rms {view.RmsError:F3} px") : $"{view.Name,-24} board not found");
            var c = result.Camera;
            Console.WriteLine(string.Create(inv, $"views used     {result.UsedViews} of {result.Views.Count}"));
            Console.WriteLine(string.Create(inv, $"image          {c.Width}×{c.Height}"));
            Console.WriteLine(string.Create(inv, $"focal          fx {c.Fx:F2}  fy {c.Fy:F2} px"));
            Console.WriteLine(string.Create(inv, $"principal      cx {c.Cx:F2}  cy {c.Cy:F2} px"));
            Console.WriteLine(string.Create(inv, $"distortion     k1 {c.Lens.K1:F5}  k2 {c.Lens.K2:F5}  p1 {c.Lens.P1:F6}  p2 {c.Lens.P2:F6}  k3 {c.Lens.K3:F5}"));
            Console.WriteLine(string.Create(inv, $"rms reprojection error {result.RmsError:F4} px"));
            return 0;
        });
        return command;
    }
}
