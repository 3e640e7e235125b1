using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Pilot.Capnp;
using Pilot.Capnp.Schema.Text;
using Pilot.Messaging;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Replay;
using Pilot.Messaging.Vision;

namespace Pilot.Cli;

/// <summary><c>pilot record</c>, <c>pilot replay</c> and <c>pilot log dump</c>: drive logs of the live bus.</summary>
internal static class MessagingCommands
{
    public static IEnumerable<Command> All() => [Record(), Replay(), Log()];

    private static Command Record()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the route's segment folders.", DefaultValueFactory = _ => new DirectoryInfo("routes") };
        var services = new Option<string?>("--services") { Description = "Comma-separated services to record (default: every should-log service)." };
        var segment = new Option<double>("--segment-seconds") { Description = "Segment length, s of log time.", DefaultValueFactory = _ => 60 };
        var noFrames = new Option<bool>("--no-frames") { Description = "Do not record the road camera video." };
        var command = new Command("record", "Record the live bus into a route (rlog, qlog, road video) until Ctrl+C or SIGTERM.") { output, services, segment, noFrames };
        command.SetAction(result => Run("record", () =>
        {
            var bus = Bus.FromEnvironment();
            var list = result.GetValue(services) is { } s ? Pilot.Messaging.Services.Parse(s) : Pilot.Messaging.Services.All.Where(x => x.ShouldLog).ToArray();
            var transport = Transports.Open(bus);
            var subs = list.Select(x => transport.Subscribe(x, conflate: false)).ToArray();
            using var frames = result.GetValue(noFrames) ? null : new VisionClient(VisionStream.Road, bus);
            using var logger = new RouteLogger(result.GetValue(output)!.FullName,
                new RouteLoggerOptions { SegmentLength = TimeSpan.FromSeconds(result.GetValue(segment)) });
            logger.Error += e => Console.Error.WriteLine($"pilot record: {e}");
            using var stop = new CancellationTokenSource();
            int signal = 0;
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; signal = 15; stop.Cancel(); });
            using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; signal = 2; stop.Cancel(); });
            Console.Error.WriteLine($"recording {list.Count} services on {bus.Endpoint(list[0])}.. into {logger.RoutePath}--N");
            long events = 0, frameCount = 0;
            while (!stop.IsCancellationRequested)
            {
                transport.WaitAny(subs, frames is null ? 100 : 5);
                foreach (var sub in subs)
                    while (sub.TryReceive(out var msg)) { logger.Write(msg); events++; }
                while (frames is not null && frames.TryReceive(TimeSpan.Zero, out var frame))
                {
                    logger.WriteFrame(frame.Descriptor, frame.Data);
                    frameCount++;
                }
            }
            logger.Close(signal);
            foreach (var sub in subs) sub.Dispose();
            Console.Error.WriteLine($"recorded {events} events, {frameCount} frames in {logger.Segment + 1} segments; {logger.DroppedEvents} dropped");
        }));
        return command;
    }

    private static Command Replay()
    {
        var route = new Argument<string>("route") { Description = "Route (path without --N), segment folder, or log file." };
        var speed = new Option<double>("--speed") { Description = "Playback speed (1 = recorded timing).", DefaultValueFactory = _ => 1 };
        var seek = new Option<double>("--seek") { Description = "Start this many seconds into the route." };
        var only = new Option<string?>("--only") { Description = "Comma-separated services to publish (default: all)." };
        var block = new Option<string?>("--block") { Description = "Comma-separated services never to publish." };
        var noFrames = new Option<bool>("--no-frames") { Description = "Do not decode and serve the road video." };
        var command = new Command("replay", "Republish a recorded route at its original timing, camera frames included.") { route, speed, seek, only, block, noFrames };
        command.SetAction(result => Run("replay", () =>
        {
            static IReadOnlySet<string>? Set(string? list) => list is null ? null : Pilot.Messaging.Services.Parse(list).Select(s => s.Name).ToHashSet();
            var options = new ReplayOptions(result.GetValue(speed), result.GetValue(seek), Set(result.GetValue(only)), Set(result.GetValue(block)),
                !result.GetValue(noFrames));
            var replayer = new Replayer(result.GetValue(route)!, options, Bus.FromEnvironment());
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            replayer.Run(stop.Token);
            foreach (var d in replayer.Damage) Console.Error.WriteLine($"damage: {d}");
            Console.Error.WriteLine($"published {replayer.Published} events and {replayer.FramesPublished} frames");
        }));
        return command;
    }

    private static Command Log()
    {
        var file = new Argument<string>("path") { Description = "Log file, segment folder or route." };
        var service = new Option<string?>("--service") { Description = "Print only this service (comma-separated list allowed)." };
        var qlog = new Option<bool>("--qlog") { Description = "Read qlog instead of rlog from a segment or route." };
        var headers = new Option<bool>("--headers") { Description = "One header line per event instead of the full text." };
        var dump = new Command("dump", "Print a log's events as Cap'n Proto text (schema messaging/schemas/log.capnp), then any damage.")
            { file, service, qlog, headers };
        dump.SetAction(result => Run("log dump", () =>
        {
            var filter = result.GetValue(service) is { } s ? Pilot.Messaging.Services.Parse(s).Select(x => x.Which).ToHashSet() : null;
            var codec = result.GetValue(headers) ? null : TextCodec.Load(LogSchemaPath(), "Event");
            var reader = new LogReader(result.GetValue(file)!, result.GetValue(qlog) ? LogKind.Qlog : LogKind.Rlog);
            var stdout = Console.Out;
            foreach (var ev in reader.ReadAll())
            {
                if (filter is not null && !filter.Contains(ev.Which)) continue;
                stdout.WriteLine(codec is null
                    ? $"{ev.LogMonoTime.ToString(CultureInfo.InvariantCulture)} {ev.Service?.Name ?? $"member#{ev.Which}"} valid={ev.Valid} bytes={ev.Framed.Length}"
                    : codec.Print(ev.Event, pretty: false));
            }
            foreach (var d in reader.Damage) Console.Error.WriteLine($"damage: {d}");
            if (reader.Damage.Count > 0) throw new InvalidDataException($"{reader.Damage.Count} damaged region(s); every complete event before them was printed");
        }));
        return new Command("log", "Drive logs: inspect recorded rlog/qlog files.") { dump };
    }

    /// <summary>messaging/schemas/log.capnp of the source tree this CLI was built from.</summary>
    private static string LogSchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "messaging", "schemas", "log.capnp");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"messaging/schemas/log.capnp not found above {AppContext.BaseDirectory}");
    }

    private static int Run(string name, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or CapnpException or Pilot.Capnp.Schema.SchemaException
            or TextFormatException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pilot {name}: {e.Message}");
            return 1;
        }
    }
}
