using Pilot.Manager.Processes;
using Pilot.Messaging;

namespace Pilot.Manager.Drive;

/// <summary>
/// The process table of a drive (openpilot's process_config.py): every Pilot process as a `pilot` command line, with the
/// condition under which it runs. Order is start order: the car side first, then perception, planning and control, then
/// the logger. The loops on the camera-to-CAN path run SCHED_FIFO where permitted, with openpilot's priorities: the CAN
/// and control loops above perception and planning (a model run must not delay a 100 Hz step); the simulated car above
/// them all, as it stands for the car's own electronics, whose CAN traffic no load on the device delays (below it, the
/// daemons' start-up starved it into CAN timeouts); loggerd stays time-shared.
/// </summary>
public static class DriveProcesses
{
    private const string OnlySimulated = "only with the simulator (no --device)";
    public const int CarPriority = 54, ControlPriority = 53, PerceptionPriority = 51;

    /// <summary>
    /// The table for <paramref name="config"/> on <paramref name="bus"/>, started through <paramref name="pilot"/>; every
    /// process is told the bus through its environment, whatever the manager's own environment says.
    /// </summary>
    public static IReadOnlyList<ProcessSpec> Table(DriveConfig config, PilotLauncher pilot, Bus bus)
    {
        var environment = new Dictionary<string, string?>();
        bus.ExportTo(environment);
        var busEnvironment = environment.ToDictionary(e => e.Key, e => e.Value ?? "");
        return Rows(config, pilot, bus).Select(row => row with { Environment = busEnvironment }).ToArray();
    }

    private static IReadOnlyList<ProcessSpec> Rows(DriveConfig config, PilotLauncher pilot, Bus bus)
    {
        // The simulator serves the bench device on a pseudo-terminal and links it here; the bridge opens the link. One
        // per bus, so a drive on another port base does not collide with one on the default bus.
        string link = BenchLink(bus);
        string device = config.Device ?? link;
        string[] camera = config.Camera switch
        {
            null => ["--source", "sim"],
            var c when c.StartsWith("/dev/video", StringComparison.Ordinal) => ["--source", "v4l2", "--device", c],
            var c => ["--source", "file", "--file", Path.GetFullPath(c)],
        };
        return
        [
            When(config.Simulated, OnlySimulated,
                pilot.Spec("simulator", "simulator", "--scenario", config.Scenario, "--car", config.Car, "--link", link) with { RealtimePriority = CarPriority }),
            pilot.Spec("bridge", "bridge", "run", "--port", device) with { NeedsPath = device, RealtimePriority = ControlPriority },
            pilot.Spec("card", "card", "--car", config.Car) with { RealtimePriority = ControlPriority },
            pilot.Spec("camerad", ["camerad", .. camera]) with { RealtimePriority = PerceptionPriority },
            pilot.Spec("modeld", "modeld") with { RealtimePriority = PerceptionPriority },
            pilot.Spec("radard", "radard") with { RealtimePriority = PerceptionPriority },
            pilot.Spec("plannerd", "plannerd") with { RealtimePriority = PerceptionPriority },
            pilot.Spec("controlsd", "controlsd") with { RealtimePriority = ControlPriority },
            pilot.Spec("loggerd", "loggerd", "--out", Path.GetFullPath(config.OutDir), "--route", config.Route,
                "--segment-seconds", config.SegmentSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>Where the simulator links its bench device's pseudo-terminal for the bus.</summary>
    public static string BenchLink(Bus bus) => Path.Combine(Path.GetTempPath(), $"{bus.Prefix}-bench-{bus.PortBase}");

    private static ProcessSpec When(bool condition, string because, ProcessSpec spec) =>
        condition ? spec : spec with { Enabled = false, DisabledBecause = because };
}
