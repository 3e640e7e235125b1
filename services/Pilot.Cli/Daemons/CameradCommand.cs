using System.CommandLine;
using Pilot.Camerad;
using Pilot.Camerad.Sources;
using Pilot.Camerad.V4l2;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Pilot.Sim.World;
using Pilot.Vision.Camera.Geometry;
using Bus = Pilot.Messaging.Bus;
using CameradDaemon = Pilot.Camerad.Camerad;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot camerad</c>: the road camera into shared memory, with roadCameraState.</summary>
internal static class CameradCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source")
        {
            Description = "Where frames come from: sim (rendered from simulatorState), file (a video), v4l2 (a camera), replay (a recorded route).",
            DefaultValueFactory = _ => "sim",
        };
        source.AcceptOnlyFromAmong("sim", "file", "v4l2", "replay");
        var file = new Option<FileInfo?>("--file") { Description = "Video file for --source file (anything ffmpeg decodes)." };
        var loop = new Option<bool>("--loop") { Description = "Play the video file again from the start when it ends." };
        var device = new Option<string>("--device") { Description = "V4L2 device for --source v4l2.", DefaultValueFactory = _ => "/dev/video0" };
        var format = new Option<CaptureFormat>("--format") { Description = "V4L2 capture format: Nv12, Yuyv or Mjpeg.", DefaultValueFactory = _ => CaptureFormat.Yuyv };
        var route = new Option<DirectoryInfo?>("--route") { Description = "Route for --source replay (its roadEncodeIdx events and videos)." };
        var width = new Option<int>("--width") { Description = "Frame width, pixels (camera request or rendered size).", DefaultValueFactory = _ => 640 };
        var height = new Option<int>("--height") { Description = "Frame height, pixels.", DefaultValueFactory = _ => 320 };
        var focal = new Option<double?>("--focal") { Description = "Simulated camera focal length, pixels (default: the width, as modeld assumes)." };
        var rate = new Option<double>("--rate") { Description = "Frame rate, Hz.", DefaultValueFactory = _ => 20 };
        var cmd = new Command("camerad",
            "Run camerad: frames from the simulator's renderer, a video file (paced at the rate), a V4L2 camera (NV12, YUYV or MJPEG " +
            "through mmap) or a recorded route, served through shared memory (road stream) with roadCameraState at 20 Hz. " +
            "Stops on SIGTERM or Ctrl+C.")
            { source, file, loop, device, format, route, width, height, focal, rate };
        cmd.SetAction(r =>
        {
            int w = r.GetValue(width), h = r.GetValue(height);
            double hz = r.GetValue(rate);
            Func<IFrameSource>? open = r.GetValue(source) switch
            {
                "file" when r.GetValue(file) is { } f => () => new VideoFileSource(f.FullName, hz, r.GetValue(loop)),
                "v4l2" => () => new V4l2Source(r.GetValue(device)!, w, h, r.GetValue(format)),
                "replay" when r.GetValue(route) is { } d => () => new ReplaySource(d.FullName),
                "sim" => () => new SimulatorSource(SimCamera(w, h, r.GetValue(focal)), RoadCalibration.Level(SimScene.CameraHeightM),
                    s => SimScene.FromState(s), hz),
                _ => null,
            };
            if (open is null) { Console.Error.WriteLine("error: --source file needs --file, --source replay needs --route"); return 2; }
            CameradDaemon camerad;
            try { camerad = new CameradDaemon(Transports.FromEnvironment(), new CameradOptions { Source = open, RateHz = hz }); }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            return DaemonHost.Run(camerad);
        });
        return cmd;
    }

    /// <summary>The simulated camera: principal point at the centre, focal length the width unless given (modeld's default).</summary>
    private static PinholeCamera SimCamera(int width, int height, double? focal) =>
        new(focal ?? width, focal ?? width, width / 2.0, height / 2.0, width, height);
}
