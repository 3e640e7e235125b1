using System.CommandLine;
using Pilot.Messaging.PubSub;
using Pilot.Modeld;
using Pilot.Daemons;
using Pilot.Vision.Camera.Geometry;
using Bus = Pilot.Messaging.Bus;
using ModeldDaemon = Pilot.Modeld.Modeld;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot modeld</c>: the driving network on the road camera's frames.</summary>
internal static class ModeldCommand
{
    public static Command Create()
    {
        var weights = new Option<FileInfo>("--weights") { Description = "Driving model checkpoint.", DefaultValueFactory = _ => new FileInfo(DrivingCommands.DefaultWeights) };
        var focal = new Option<double?>("--focal") { Description = "Camera focal length, pixels (default: the frame width, a ~53° horizontal field of view)." };
        var cx = new Option<double?>("--cx") { Description = "Principal point u, pixels (default: the frame centre)." };
        var cy = new Option<double?>("--cy") { Description = "Principal point v, pixels (default: the frame centre)." };
        var roll = new Option<double>("--roll") { Description = "Camera roll, rad." };
        var pitch = new Option<double>("--pitch") { Description = "Camera pitch, rad, positive looking down." };
        var yaw = new Option<double>("--yaw") { Description = "Camera yaw, rad, positive looking right." };
        var height = new Option<double>("--height") { Description = "Camera height above the road, m.", DefaultValueFactory = _ => 1.22 };
        var threads = new Option<int>("--threads") { Description = "Threads the network runs on (one keeps a shared device's cores free for the control loops).", DefaultValueFactory = _ => new ModeldOptions { Weights = "" }.Threads };
        var cmd = new Command("modeld",
            "Run modeld: for each roadCameraState, the frame from shared memory warped into the model view with the calibration, " +
            "stacked with the previous one, through the driving network; publishes modelV2 (lane lines, road edges, path plan, " +
            "leads; y left) with execution time and dropped-frame percentage. Reads roadCameraState and carState (ego speed " +
            "for the plan). Stops on SIGTERM or Ctrl+C.")
            { weights, focal, cx, cy, roll, pitch, yaw, height, threads };
        cmd.SetAction(r =>
        {
            var file = r.GetValue(weights)!;
            if (!file.Exists) { Console.Error.WriteLine($"error: no trained weights at {file.FullName}: train them with ./pilot train lanes"); return 1; }
            double? f = r.GetValue(focal), u = r.GetValue(cx), v = r.GetValue(cy);
            if (r.GetValue(threads) < 1) { Console.Error.WriteLine($"error: --threads {r.GetValue(threads)} must be at least 1"); return 2; }
            var options = new ModeldOptions
            {
                Weights = file.FullName,
                Camera = (w, h) => new PinholeCamera(f ?? w, f ?? w, u ?? w / 2.0, v ?? h / 2.0, w, h),
                Calibration = new RoadCalibration(r.GetValue(roll), r.GetValue(pitch), r.GetValue(yaw), r.GetValue(height)),
                Threads = r.GetValue(threads),
            };
            ModeldDaemon modeld;
            try { modeld = new ModeldDaemon(Transports.FromEnvironment(), options); }
            catch (Exception e) when (e is IOException or InvalidDataException or Vision.Data.DataFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            return DaemonHost.Run(modeld);
        });
        return cmd;
    }
}
