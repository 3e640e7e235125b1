using System.Diagnostics;
using System.Globalization;
using Pilot.Capnp;
using Pilot.Manager.Drive;
using Pilot.Manager.Processes;
using Pilot.Messaging;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.PubSub.Shm;
using Pilot.Messaging.Schema;
using Pilot.Messaging.Vision;

namespace Pilot.Benchmarks;

/// <summary>
/// Pub/sub and frame distribution between OS processes (this process publishes; children started from this same
/// program with "--peer ROLE" receive): one-way latency of a 100 Hz carState, throughput at 64 B and 1 KB, and a
/// 1928×1208 NV12 camera stream to 3 readers. Latency is receive time minus the publisher's logMonoTime (one
/// CLOCK_MONOTONIC for both processes). Everything runs twice: over NetMQ tcp (keys as named) and over the shared-memory
/// transport (keys prefixed shm_). Options: --seconds S (latency run length, default 5). The peers run SCHED_FIFO at
/// the control loops' priority where permitted, as the drive runs card and controlsd, and the latency publisher's
/// thread is raised as the bridge raises its CAN threads: a 100 Hz carState is measured as the stack runs it.
/// </summary>
public sealed class MessagingSuite : ISuite
{
    private const int CameraWidth = 1928, CameraHeight = 1208, Readers = 3;
    public string Name => "messaging";

    public void Run(Report report, string[] args)
    {
        int peer = Array.IndexOf(args, "--peer");
        if (peer >= 0) { RunPeer(args[peer + 1], args); return; }
        double seconds = Option(args, "--seconds", 5);
        int portBase = 28000 + Random.Shared.Next(0, 18) * 250;   // ..32474: below the ephemeral ports (32768+) outgoing connections take
        report.Fact("machine", $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
        report.Fact("scheduling", Realtime.Available ? $"peers SCHED_FIFO {DriveProcesses.ControlPriority}" : "time-shared (SCHED_FIFO not permitted here)");
        using var wakeup = Realtime.HoldZeroWakeupLatency();
        report.Fact("cpu_wakeup_latency", wakeup is null ? "the kernel's default (PM QoS not writable here)" : "held at 0 µs, as a drive's manager holds it");
        Measure(report, new Bus(Transport.Tcp, portBase), "", seconds);
        var shm = new Bus(Transport.Shm, portBase);
        try { Measure(report, shm, "shm_", seconds); }
        finally { ShmTransport.DeleteFiles(shm); }
        report.Fact("note", "2 shared cores under other builds: figures are noisy; quote medians of several runs");
    }

    /// <summary>Latency, throughput and frames on <paramref name="bus"/>; keys start with <paramref name="prefix"/>.</summary>
    private static void Measure(Report report, Bus bus, string prefix, double seconds)
    {
        // 1. One-way latency of carState at its nominal 100 Hz.
        using (var sink = Peer(bus, "latency"))
        {
            using var pm = new PubMaster(["carState"], Transports.Open(bus));
            var m = new MessageBuilder();
            Handshake(sink, () => pm.Send("carState", CarState(m, -1)));
            int count = (int)(seconds * 100);
            var publisher = new Thread(() =>
            {
                Pilot.Bridge.Serial.Realtime.TryRaiseCurrentThread();   // sleeps between messages: safe to raise
                long next = Stopwatch.GetTimestamp();
                for (int i = 0; i < count; i++)
                {
                    pm.Send("carState", CarState(m, i));
                    next += Stopwatch.Frequency / 100;
                    while (Stopwatch.GetTimestamp() < next) Thread.Sleep(1);
                }
            }) { Name = "carState publisher" };
            publisher.Start();
            publisher.Join();
            pm.Send("carState", CarState(m, -2));
            var r = Numbers(sink.WaitFor("latency"));
            report.Add($"{prefix}carState_latency_p50_us", r[0], "us", $"100 Hz, {r[2]} messages, target <= 50");
            report.Add($"{prefix}carState_latency_p99_us", r[1], "us", "target <= 250");
        }

        // 2. Throughput: as fast as the publisher can send; the reader counts what arrives (PUB drops at the queue limit, a ring overruns the reader).
        // One service per size: a closed NetMQ socket releases its port asynchronously, so binding the same one again may fail.
        foreach (var (size, service) in new[] { (64, "can"), (1024, "sendcan") })
        {
            using var sink = Peer(bus, "throughput", service);
            var transport = Transports.Open(bus);
            using var pub = transport.Publish(Pilot.Messaging.Services.Get(service));
            var payload = new byte[size];
            Handshake(sink, () => pub.Send(payload));
            payload[0] = 1;   // marks measured messages (the probes are all zero)
            int sent = 0;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed.TotalSeconds < 2) { for (int i = 0; i < 1000; i++) pub.Send(payload); sent += 1000; }
            double sendRate = sent / sw.Elapsed.TotalSeconds;
            payload[0] = 2;   // end marker, repeated: it may meet a full queue
            for (int i = 0; i < 200; i++) { pub.Send(payload); Thread.Sleep(1); }
            var r = Numbers(sink.WaitFor("throughput"));
            report.Add($"{prefix}throughput_{size}B_msg_per_s", r[0], "msg/s", $"received; sender offered {sendRate:F0} msg/s, {r[1]} received{(size == 64 ? ", target >= 500k" : "")}");
            report.Add($"{prefix}throughput_{size}B_MB_per_s", r[0] * size / 1e6, "MB/s");
        }

        // 3. Frames: 1928x1208 NV12 to 3 reader processes, 20 Hz (the camera's rate) for `seconds`.
        {
            var sinks = Enumerable.Range(0, Readers).Select(_ => Peer(bus, "frames")).ToArray();
            using var server = new VisionServer(VisionStream.Road, FrameGeometry.For(CameraWidth, CameraHeight), bus: bus);
            foreach (var s in sinks) s.WaitFor("ready");
            Thread.Sleep(500);   // readers connect to the descriptor socket
            int frames = (int)(seconds * 20);
            var sw = Stopwatch.StartNew();
            for (uint id = 0; id < frames + 20; id++)   // 20 extra frames: let the last measured ones reach slow readers
            {
                var buffer = server.Acquire();
                buffer[0] = (byte)id;   // the camera's DMA would fill it; the readers check this byte in place
                ulong now = (ulong)MonoClock.NowNs();
                server.Publish(id, now, now);
                Thread.Sleep(50);
            }
            double elapsed = sw.Elapsed.TotalSeconds;
            var results = sinks.Select(s => Numbers(s.WaitFor("frames"))).ToArray();
            foreach (var s in sinks) s.Dispose();
            int frameBytes = server.Pool.Geometry.Size;
            report.Add($"{prefix}frame_latency_p50_us", Median(results.Select(r => r[0])), "us", $"descriptor publish -> reader holds the view; median of {Readers} readers, target <= 1000");
            report.Add($"{prefix}frame_latency_p99_us", results.Max(r => r[1]), "us", "worst reader's p99");
            report.Add($"{prefix}frame_received", results.Sum(r => r[2]), "frames", $"of {Readers * (frames + 20)} sent to {Readers} readers; dropped {results.Sum(r => r[3])}");
            report.Add($"{prefix}frame_distribution_MB_per_s", results.Sum(r => r[2]) * frameBytes / elapsed / 1e6, "MB/s",
                $"{frameBytes} B frames, zero pixel copies (readers map the pool read-only)");
        }
    }

    private static MessageBuilder CarState(MessageBuilder m, float vEgo)
    {
        var ev = EventLayout.InitEvent(m, Pilot.Messaging.Services.Get("carState"));
        ev.InitStruct(EventLayout.Payload, CarStateLayout.DataWords, CarStateLayout.Pointers).WriteFloat32(CarStateLayout.VEgo, vEgo);
        return m;
    }

    /// <summary>Sends probes until the peer says it has heard one (it is connected and subscribed).</summary>
    private static void Handshake(Child peer, Action probe)
    {
        peer.WaitFor("ready");
        for (int i = 0; i < 5000; i++)
        {
            probe();
            if (peer.TryLine(TimeSpan.FromMilliseconds(2)) == "heard") return;
        }
        throw new TimeoutException("benchmark peer never received a probe");
    }

    // ----- peer side -----

    private static void RunPeer(string role, string[] args)
    {
        var bus = Bus.FromEnvironment();
        var transport = Transports.Open(bus);
        switch (role)
        {
            case "latency":
            {
                using var sub = transport.Subscribe(Pilot.Messaging.Services.Get("carState"), conflate: false);
                ISubscriber[] waitOn = [sub];   // one list for every wait: transports map a list to their wait items once
                var latencies = new List<double>(100_000);
                bool heard = false;
                Console.WriteLine("ready");
                while (true)
                {
                    transport.WaitAny(waitOn, -1);
                    long now = MonoClock.NowNs();
                    if (!sub.TryReceive(out var msg)) continue;
                    var ev = MessageReader.ReadFramed(msg).Root;
                    float v = ev.ReadStruct(EventLayout.Payload).ReadFloat32(CarStateLayout.VEgo);
                    if (v == -1) { if (!heard) Console.WriteLine("heard"); heard = true; continue; }
                    if (v == -2) break;
                    latencies.Add((now - (long)EventLayout.ReadLogMonoTime(ev)) / 1e3);
                }
                latencies.Sort();
                Console.WriteLine(Line("latency", Pct(latencies, 0.5), Pct(latencies, 0.99), latencies.Count));
                break;
            }
            case "throughput":
            {
                using var sub = transport.Subscribe(Pilot.Messaging.Services.Get(args[Array.IndexOf(args, "--peer") + 2]), conflate: false);
                ISubscriber[] waitOn = [sub];
                Console.WriteLine("ready");
                long count = 0, first = 0, last = 0;
                bool heard = false;
                while (true)
                {
                    transport.WaitAny(waitOn, -1);
                    while (Next(sub, out var msg))
                    {
                        if (msg[0] == 0) { if (!heard) Console.WriteLine("heard"); heard = true; continue; }
                        if (msg[0] == 2) goto done;
                        last = Stopwatch.GetTimestamp();
                        if (count++ == 0) first = last;
                    }
                }
                done:
                double s = (last - first) / (double)Stopwatch.Frequency;
                Console.WriteLine(Line("throughput", s > 0 ? (count - 1) / s : 0, count));
                break;
            }
            case "frames":
            {
                using var client = new VisionClient(VisionStream.Road, bus);
                Console.WriteLine("ready");
                var latencies = new List<double>();
                while (client.TryReceive(TimeSpan.FromSeconds(3), out var frame))
                {
                    long now = MonoClock.NowNs();
                    // Touch the pixels in place (no copy): the first byte the camera wrote, then confirm the buffer held.
                    bool ok = frame.Y[0] == (byte)frame.Descriptor.FrameId && frame.IsIntact;
                    if (ok) latencies.Add((now - (long)frame.Descriptor.PublishNs) / 1e3);
                }
                latencies.Sort();
                Console.WriteLine(Line("frames", Pct(latencies, 0.5), Pct(latencies, 0.99), latencies.Count, client.Dropped));
                break;
            }
            default:
                throw new ArgumentException($"unknown benchmark peer role '{role}'");
        }
    }

    // ----- helpers -----

    /// <summary>The next message through the subscriber's allocation-free read where it has one (shared memory).</summary>
    private static bool Next(ISubscriber sub, out ReadOnlySpan<byte> message)
    {
        if (sub is ShmSubscriber shm) return shm.TryRead(out message);
        bool got = sub.TryReceive(out var bytes);
        message = bytes;
        return got;
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    private static double Median(IEnumerable<double> values) { var v = values.Order().ToArray(); return v[v.Length / 2]; }
    private static string Line(string tag, params double[] values) => tag + " " + string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    private static double[] Numbers(string line) => line.Split(' ').Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
    private static double Option(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static Child Peer(Bus bus, string role, string? service = null) => new(bus, service is null ? [role] : [role, service]);

    /// <summary>This benchmark program started again as a peer process.</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _p;
        private readonly System.Collections.Concurrent.BlockingCollection<string> _lines = [];

        /// <param name="peerArgs">the role, then its arguments</param>
        public Child(Bus bus, string[] peerArgs)
        {
            var spec = new ProcessSpec("peer", "dotnet", [typeof(MessagingSuite).Assembly.Location, "messaging", "--peer", .. peerArgs])
                { RealtimePriority = DriveProcesses.ControlPriority };
            var (file, arguments) = Realtime.CommandOf(spec);
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in arguments) info.ArgumentList.Add(a);
            bus.ExportTo(info.Environment);
            _p = Process.Start(info)!;
            _p.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Add(e.Data); };
            _p.BeginOutputReadLine();
        }

        public string? TryLine(TimeSpan wait) => _lines.TryTake(out var l, wait) ? l : null;

        public string WaitFor(string prefix)
        {
            while (_lines.TryTake(out var l, TimeSpan.FromSeconds(60)))
                if (l.StartsWith(prefix, StringComparison.Ordinal)) return l;
            throw new TimeoutException($"benchmark peer said no '{prefix}' within 60 s");
        }

        public void Dispose()
        {
            if (!_p.HasExited) _p.Kill();
            _p.Dispose();
        }
    }
}
