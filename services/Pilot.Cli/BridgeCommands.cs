using System.CommandLine;
using System.Runtime.InteropServices;
using Pilot.Bridge.Adapters;
using Pilot.Bridge.Adapters.SocketCan;
using Pilot.Bridge.Bench;
using Pilot.Bridge.Daemon;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Serial;
using Pilot.Messaging;
using Pilot.Messaging.PubSub;

namespace Pilot.Cli;

/// <summary><c>pilot bridge bench-device|health|run|dump</c>: the CAN interface device, its bench twin and the bridge daemon.</summary>
internal static class BridgeCommands
{
    public static Command Create()
    {
        var group = new Command("bridge", "The firmware bridge: bench device, device health, the bridge daemon, and frame dumps from any adapter.");
        group.Subcommands.Add(BenchDevice());
        group.Subcommands.Add(Health());
        group.Subcommands.Add(Run());
        group.Subcommands.Add(Dump());
        return group;
    }

    private static Option<string> PortOption() => new("--port") { Description = "Serial/USB-CDC device or pty path (e.g. /dev/ttyACM0).", Required = true };

    private static Command BenchDevice()
    {
        var port = PortOption();
        var buses = new Option<int>("--buses") { Description = "Simulated CAN buses, 1..3.", DefaultValueFactory = _ => 3 };
        var allOutput = new Option<bool>("--allow-all-output") { Description = "Let the host select the all-output debug mode." };
        var heartbeat = new Option<int>("--heartbeat-timeout-ms") { Description = "Heartbeat loss before falling back to no-output.", DefaultValueFactory = _ => 1000 };
        var cmd = new Command("bench-device", "Serve the Pilot device protocol on a tty as the firmware would: safety model, looped-back buses, fault injection.");
        cmd.Options.Add(port);
        cmd.Options.Add(buses);
        cmd.Options.Add(allOutput);
        cmd.Options.Add(heartbeat);
        cmd.SetAction(r => Guard(() =>
        {
            var options = new BenchDeviceOptions { Buses = r.GetValue(buses), AllowAllOutput = r.GetValue(allOutput), HeartbeatTimeoutUs = r.GetValue(heartbeat) * 1000L };
            using var device = new BenchDevice(r.GetValue(port)!, options);
            Console.WriteLine($"ready {r.GetValue(port)}");
            device.Run();
        }));
        return cmd;
    }

    private static Command Health()
    {
        var port = PortOption();
        var cmd = new Command("health", "Ask a Pilot device (or bench device) for its health report.");
        cmd.Options.Add(port);
        cmd.SetAction(r => Guard(() =>
        {
            using var adapter = new PilotDeviceAdapter(r.GetValue(port)!);
            adapter.Open();
            var health = adapter.RequestHealth(TimeSpan.FromSeconds(2)) ?? throw new LinkException($"{adapter.Description}: no health report within 2 s");
            Print(health);
        }));
        return cmd;
    }

    private static Command Run()
    {
        var port = PortOption();
        var console = new Option<bool>("--console") { Description = "No message bus: request --mode instead of carParams' mode, print bridgeState once a second, discard can." };
        var mode = new Option<SafetyMode>("--mode") { Description = "With --console: the safety mode to request.", DefaultValueFactory = _ => SafetyMode.NoOutput };
        var seconds = new Option<double>("--seconds") { Description = "Stop after this long (0 = until SIGTERM or Ctrl+C).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("run", "Run the bridge daemon against a Pilot device: publishes can (100 Hz) and bridgeState (10 Hz), transmits sendcan, "
            + "takes the safety mode from carParams and the engagement from selfdriveState (bus: PILOT_PORT_BASE, PILOT_TRANSPORT).");
        cmd.Options.Add(port);
        cmd.Options.Add(console);
        cmd.Options.Add(mode);
        cmd.Options.Add(seconds);
        cmd.SetAction(r => Guard(() =>
        {
            string path = r.GetValue(port)!;
            using var stop = new CancellationTokenSource();
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            if (r.GetValue(seconds) > 0) stop.CancelAfter(TimeSpan.FromSeconds(r.GetValue(seconds)));
            if (!r.GetValue(console))
            {
                using var io = new BusBridgeIo(Transports.FromEnvironment());
                Console.WriteLine($"bridge {path} on the bus");
                new BridgeDaemon(() => new PilotDeviceAdapter(path), io).Run(stop.Token);
                return;
            }
            var local = new InProcessBridgeIo { CarParams = new SafetyConfig(r.GetValue(mode)) };
            var daemon = new BridgeDaemon(() => new PilotDeviceAdapter(path), local);
            var thread = new Thread(() => daemon.Run(stop.Token)) { Name = "bridge" };
            thread.Start();
            while (!stop.Token.WaitHandle.WaitOne(1000))
            {
                local.TakeCan();
                if (local.LatestState is { } s)
                    Console.WriteLine($"connected={s.Connected} mode={s.Health?.SafetyMode.ToString() ?? "?"} controls={s.Health?.ControlsAllowed} " +
                        $"can={s.CanFrames} tx={s.TxFrames} rejected={s.TxRejected} stale={s.SendCanStale} reconnects={s.Reconnects} error={s.LastError ?? "-"}");
            }
            thread.Join();
        }));
        return cmd;
    }

    private static Command Dump()
    {
        var adapterKind = new Option<string>("--adapter") { Description = "pilot, slcan or socketcan.", DefaultValueFactory = _ => "pilot" };
        var port = new Option<string>("--port") { Description = "Serial path (pilot, slcan) or interface name (socketcan).", Required = true };
        var bitrate = new Option<int>("--bitrate") { Description = "Bus bitrate in bit/s (pilot, slcan).", DefaultValueFactory = _ => 500_000 };
        var count = new Option<int>("--count") { Description = "Stop after this many frames (0 = until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("dump", "Print received frames, candump style: timestamp, bus, id, data, flags.");
        cmd.Options.Add(adapterKind);
        cmd.Options.Add(port);
        cmd.Options.Add(bitrate);
        cmd.Options.Add(count);
        cmd.SetAction(r => Guard(() =>
        {
            string path = r.GetValue(port)!;
            using ICanAdapter adapter = r.GetValue(adapterKind) switch
            {
                "pilot" => new PilotDeviceAdapter(path),
                "slcan" => new SlcanAdapter(path),
                "socketcan" => new SocketCanAdapter(path),
                var other => throw new ArgumentException($"unknown adapter '{other}': pilot, slcan or socketcan"),
            };
            adapter.Open();
            if (adapter is not SocketCanAdapter)
                for (int bus = 0; bus < adapter.BusCount; bus++) adapter.SetBitrate(bus, r.GetValue(bitrate));
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            for (int seen = 0; !stop.IsCancellationRequested && (r.GetValue(count) == 0 || seen < r.GetValue(count));)
            {
                if (!adapter.TryReceive(out var frame, TimeSpan.FromMilliseconds(200)))
                {
                    if (!adapter.IsOpen) throw new LinkException($"{adapter.Description}: link lost");
                    continue;
                }
                Console.WriteLine($"({frame.TimestampNs / 1e9:F6}) {frame}");
                seen++;
            }
        }));
        return cmd;
    }

    private static void Print(DeviceHealth h)
    {
        Console.WriteLine($"uptime {h.UptimeMs} ms, safety mode {h.SafetyMode}, controls allowed {h.ControlsAllowed}, heartbeat lost {h.HeartbeatLost}, rx valid {h.RxValid}");
        Console.WriteLine($"rx {h.RxFrames}, tx {h.TxFrames}, tx blocked {h.TxBlocked} ({h.TxBlockedWithoutControls} without control), safety rx invalid {h.SafetyRxInvalid}, rx timeouts {h.RxTimeouts}");
        Console.WriteLine($"heartbeat timeouts {h.HeartbeatTimeouts}, host packet errors {h.HostPacketErrors}, bus-off mask 0x{h.BusOffMask:X}, faults 0x{h.ActiveFaults:X}");
    }

    private static int Guard(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            Console.Error.WriteLine($"pilot bridge: {e.Message}");
            return 1;
        }
    }
}
