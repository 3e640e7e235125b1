using Pilot.Manager.Processes;
using Pilot.Messaging;

namespace Pilot.Manager.Drive;

/// <summary>
/// The process table of a drive (openpilot's process_config.py): every Pilot process as a `pilot` command line, with the
/// condition under which it runs. Order is start order: the car side first, then perception, planning and control, then
/// the logger.
/// </summary>
public static class DriveProcesses
{
    private const string OnlySimulated = "only with the simulator (no --device)";

    /// <summary>The table for <paramref name="config"/> on <paramref name="bus"/>, started through <paramref name="pilot"/>.</summary>
    public static IReadOnlyList<ProcessSpec> Table(DriveConfig config, PilotLauncher pilot, Bus bus)
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
                pilot.Spec("simulator", "simulator", "--scenario", config.Scenario, "--car", config.Car, "--link", link)),
            pilot.Spec("bridge", "bridge", "run", "--port", device) with { NeedsPath = device },
            pilot.Spec("card", "card", "--car", config.Car),
            pilot.Spec("camerad", ["camerad", .. camera]),
            pilot.Spec("modeld", "modeld"),
            pilot.Spec("radard", "radard"),
            pilot.Spec("plannerd", "plannerd"),
            pilot.Spec("controlsd", "controlsd"),
            pilot.Spec("loggerd", "loggerd", "--out", Path.GetFullPath(config.OutDir), "--route", config.Route,
                "--segment-seconds", config.SegmentSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>Where the simulator links its bench device's pseudo-terminal for the bus.</summary>
    public static string BenchLink(Bus bus) => Path.Combine(Path.GetTempPath(), $"{bus.Prefix}-bench-{bus.PortBase}");

    private static ProcessSpec When(bool condition, string because, ProcessSpec spec) =>
        condition ? spec : spec with { Enabled = false, DisabledBecause = because };
}
