using System.Globalization;
using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.TestPeer;
using Pilot.Messaging.Vision;

// Roles (bus from PILOT_PORT_BASE and PILOT_TRANSPORT); each prints "ready" once set up, then one line per observation:
//   pub COUNT RATE_HZ [START]          carState with vEgo = START, START+1, ...; then "done"
//   flood COUNT [START]                after a line on stdin, COUNT carState as fast as possible, then "done"
//   sub COUNT [conflate] [slowMs]      prints "recv VEGO" for each carState; exits after COUNT non-negative ones, or "timeout" after 5 s
//                                      without one; then "stats DROPPED RESTARTS" (shared-memory bus: overruns and publisher restarts seen)
//   frames COUNT RATE_HZ WIDTH HEIGHT  serves road frames with PeerEvents.Pattern; then "done"
//   framereader COUNT [slowMs]         reads road frames, checks the pattern, prints "frame ID ok|torn", then "stats RECEIVED DROPPED"
//   logwrite ROOT BLOCK_EVENTS         records carState vEgo = 0,1,2,... into a route forever, "flushed N" per block
static int Arg(string[] a, int i, int fallback) => a.Length > i ? int.Parse(a[i], CultureInfo.InvariantCulture) : fallback;
var bus = Bus.FromEnvironment();
Console.Out.Flush();
switch (args[0])
{
    case "pub":
    {
        int count = Arg(args, 1, 100), rate = Arg(args, 2, 100), start = Arg(args, 3, 0);
        using var pm = new PubMaster(["carState"], Transports.Open(bus));
        var m = new MessageBuilder();
        Console.WriteLine("ready");
        var period = TimeSpan.FromSeconds(1.0 / rate);
        var next = DateTime.UtcNow;
        for (int i = 0; i < count; i++)
        {
            pm.Send("carState", PeerEvents.CarState(m, start + i));
            next += period;
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
        }
        Console.WriteLine("done");
        break;
    }
    case "flood":
    {
        int count = Arg(args, 1, 100), start = Arg(args, 2, 0);
        using var pm = new PubMaster(["carState"], Transports.Open(bus));
        var m = new MessageBuilder();
        Console.WriteLine("ready");
        Console.ReadLine();   // the test says when its subscribers are in place
        for (int i = 0; i < count; i++) pm.Send("carState", PeerEvents.CarState(m, start + i));
        Console.WriteLine("done");
        Console.ReadLine();   // stay until the test has read (a ring outlives its writer anyway; this keeps the roles symmetric)
        break;
    }
    case "sub":
    {
        // The raw subscriber, not SubMaster: every message it hands out is printed (SubMaster keeps one per update).
        int count = Arg(args, 1, 100), slow = Arg(args, 3, 0);
        bool conflate = args.Length > 2 && args[2] == "conflate";
        var transport = Transports.Open(bus);
        using var sub = transport.Subscribe(Services.Get("carState"), conflate);
        Console.WriteLine("ready");
        var idle = System.Diagnostics.Stopwatch.StartNew();
        for (int got = 0; got < count;)
        {
            transport.WaitAny([sub], 1000);
            if (!sub.TryReceive(out var msg))
            {
                if (idle.Elapsed > TimeSpan.FromSeconds(5)) { Console.WriteLine("timeout"); break; }
                continue;
            }
            idle.Restart();
            float v = PeerEvents.VEgo(MessageReader.ReadFramed(msg).Root);
            if (v >= 0) got++;   // negative values are the test's connection probes
            Console.WriteLine($"recv {v.ToString(CultureInfo.InvariantCulture)}");
            if (slow > 0) Thread.Sleep(slow);
        }
        if (sub is Pilot.Messaging.PubSub.Shm.ShmSubscriber shm) Console.WriteLine($"stats {shm.Dropped} {shm.Restarts}");
        break;
    }
    case "frames":
    {
        int count = Arg(args, 1, 20), rate = Arg(args, 2, 20);
        using var server = new VisionServer(VisionStream.Road, FrameGeometry.For(Arg(args, 3, 64), Arg(args, 4, 48)), bus: bus);
        Console.WriteLine("ready");
        Console.ReadLine();   // the test says when its readers are connected
        for (uint id = 0; id < count; id++)
        {
            var buf = server.Acquire();
            for (int i = 0; i < buf.Length; i++) buf[i] = PeerEvents.Pattern(id, i);
            ulong now = (ulong)MonoClock.NowNs();
            server.Publish(id, now, now);
            Thread.Sleep(1000 / rate);
        }
        Console.WriteLine("done");
        Console.ReadLine();   // keep the pool alive until the test is done reading
        break;
    }
    case "framereader":
    {
        int count = Arg(args, 1, 20), slow = Arg(args, 2, 0);
        using var client = new VisionClient(VisionStream.Road, bus);
        Console.WriteLine("ready");
        while (client.Received + client.Dropped < count && client.TryReceive(TimeSpan.FromSeconds(5), out var frame))
        {
            if (slow > 0) Thread.Sleep(slow);
            var data = frame.Data;
            bool ok = true;
            for (int i = 0; i < data.Length; i += 997) ok &= data[i] == PeerEvents.Pattern(frame.Descriptor.FrameId, i);
            Console.WriteLine($"frame {frame.Descriptor.FrameId} {(ok && frame.IsIntact ? "ok" : frame.IsIntact ? "bad" : "torn")}");
        }
        Console.WriteLine($"stats {client.Received} {client.Dropped}");
        break;
    }
    case "logwrite":
    {
        using var logger = new RouteLogger(args[1], new RouteLoggerOptions { RouteName = "killed", BlockEvents = Arg(args, 2, 10) });
        logger.Error += e => Console.WriteLine($"error {e}");
        var m = new MessageBuilder();
        Console.WriteLine("ready");
        for (long i = 0; ; i++)
        {
            PeerEvents.CarState(m, i, (ulong)MonoClock.NowNs());
            logger.Write(m.ToFramedArray());
            if ((i + 1) % Arg(args, 2, 10) == 0) Console.WriteLine($"flushed {i + 1}");
            Thread.Sleep(1);
        }
    }
    default:
        Console.Error.WriteLine($"unknown role '{args[0]}'");
        return 2;
}
return 0;
