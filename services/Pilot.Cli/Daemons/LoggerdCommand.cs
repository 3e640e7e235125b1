using System.CommandLine;
using Pilot.Manager.Loggerd;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Bus = Pilot.Messaging.Bus;

namespace Pilot.Cli.Daemons;

/// <summary><c>pilot loggerd</c>: records the bus into a route.</summary>
internal static class LoggerdCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the route's segment folders.", DefaultValueFactory = _ => new DirectoryInfo("routes") };
        var segment = new Option<double>("--segment-seconds") { Description = "Segment length, s of log time.", DefaultValueFactory = _ => 60 };
        var route = new Option<string?>("--route") { Description = "Route name (default: the wall time at start, yyyy-MM-dd--HH-mm-ss)." };
        var noVideo = new Option<bool>("--no-video") { Description = "Do not record the road camera." };
        var cmd = new Command("loggerd",
            "Run loggerd: record every should-log service into route segments (rlog.zst, qlog.zst) and the road camera from " +
            "the shared frame pool into each segment's fcamera.h264 with roadEncodeIdx events. Stops on SIGTERM or Ctrl+C, " +
            "closing the route.") { output, segment, route, noVideo };
        cmd.SetAction(r =>
        {
            double seconds = r.GetValue(segment);
            if (!(seconds > 0)) throw new ArgumentOutOfRangeException(nameof(segment), seconds, "--segment-seconds must be above 0");
            var options = new LoggerdOptions(r.GetValue(output)!.FullName)
            {
                SegmentLength = TimeSpan.FromSeconds(seconds),
                RouteName = r.GetValue(route),
                RecordVideo = !r.GetValue(noVideo),
            };
            var daemon = new Loggerd(Transports.FromEnvironment(), options);
            Console.Error.WriteLine($"loggerd: recording into {daemon.RoutePath}--N");
            return DaemonHost.Run(daemon);
        });
        return cmd;
    }
}
