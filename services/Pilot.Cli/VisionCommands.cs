using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pilot.Messaging.Logs;
using Pilot.Messaging.Vision;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Camera.Calibration;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Driving;
using Pilot.Vision.Driving.Overlay;

namespace Pilot.Cli;

/// <summary><c>pilot vision ...</c>: camera tools (calibration from chessboard photos).</summary>
internal static class VisionCommands
{
    public static Command Create()
    {
        var group = new Command("vision", "Camera and vision tools.");
        group.Subcommands.Add(Calibrate());
        group.Subcommands.Add(Overlay());
        return group;
    }

    private static Command Overlay()
    {
        var video = new Argument<FileInfo>("video") { Description = "A video file ffmpeg can decode (e.g. a dash-cam clip)." };
        var output = new Option<FileInfo>("--out") { Description = "The video to write (MP4, H.264).", DefaultValueFactory = _ => new FileInfo("overlay.mp4") };
        var weights = new Option<FileInfo>("--weights") { Description = "Driving model checkpoint.", DefaultValueFactory = _ => new FileInfo(DrivingCommands.DefaultWeights) };
        var focal = new Option<double?>("--focal") { Description = "Focal length, pixels (default: the frame width, a ~53° horizontal field of view)." };
        var pitch = new Option<double>("--pitch") { Description = "Camera pitch, rad, positive looking down." };
        var yaw = new Option<double>("--yaw") { Description = "Camera yaw, rad, positive looking right." };
        var height = new Option<double>("--height") { Description = "Camera height above the road, m.", DefaultValueFactory = _ => 1.2 };
        var fps = new Option<double>("--fps") { Description = "Frame rate of the written video.", DefaultValueFactory = _ => 25 };
        var command = new Command("overlay", "Run the driving model on a video and write it back with the predicted lane lines, edges, path and lead drawn on.")
            { video, output, weights, focal, pitch, yaw, height, fps };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(video)!;
            var file = parse.GetValue(weights)!;
            if (!input.Exists) { Console.Error.WriteLine($"error: video not found: {input.FullName}"); return 2; }
            if (!file.Exists) { Console.Error.WriteLine($"error: no trained weights at {file.FullName}: train them with ./pilot train lanes"); return 1; }
            string target = parse.GetValue(output)!.FullName, raw = target + ".h264";
            try
            {
                using var reader = new VideoReader(input.FullName);
                var camera = new PinholeCamera(parse.GetValue(focal) ?? reader.Width, parse.GetValue(focal) ?? reader.Width,
                    reader.Width / 2.0, reader.Height / 2.0, reader.Width, reader.Height);
                var mounting = new RoadCalibration(0, parse.GetValue(pitch), parse.GetValue(yaw), parse.GetValue(height));
                using var backend = new CpuBackend();
                var pipeline = new DrivingPipeline(camera, mounting, file.FullName, backend);
                var geometry = FrameGeometry.For(reader.Width, reader.Height);
                var buffer = new byte[geometry.Size];
                using (var writer = new VideoWriter(raw, geometry, parse.GetValue(fps)))
                {
                    while (reader.TryRead(out var frame))
                    {
                        var prediction = pipeline.Run(frame);
                        VideoReader.CopyToBuffer(frame, reader.Width, reader.Height, geometry, buffer);
                        PredictionOverlay.Draw(buffer, camera, mounting, prediction);
                        writer.Write(buffer);
                    }
                    writer.Finish();
                    Console.WriteLine($"{writer.Frames} frames processed");
                }
                Remux(raw, target);
                Console.WriteLine($"wrote {target}");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or Vision.Data.DataFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            finally { File.Delete(raw); }
        });
        return command;
    }

    /// <summary>Wraps a raw H.264 stream into an MP4 container (no re-encoding).</summary>
    private static void Remux(string raw, string mp4)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y", "-i", raw, "-c", "copy", mp4 }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new IOException($"ffmpeg could not write {mp4}: {errors.Trim()}");
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
