namespace Pilot.Manager.Drive;

/// <summary>What a drive (or a manager run) consists of: the processes' shared settings.</summary>
public sealed record DriveConfig
{
    public const string DefaultScenario = "highway";
    public static readonly IReadOnlyList<string> Cars = ["sim", "honda_civic"];

    /// <summary>Simulator scenario to drive.</summary>
    public string Scenario { get; init; } = DefaultScenario;
    /// <summary>The car: "sim" (the simulator's own CAN) or "honda_civic" (the simulator speaks the Civic's CAN).</summary>
    public string Car { get; init; } = "sim";
    /// <summary>camerad's source: a V4L2 device (/dev/videoN) or a video file; null: the simulator's renderer.</summary>
    public string? Camera { get; init; }
    /// <summary>A real CAN interface device (serial path); null: the simulator is the car, through its bench device.</summary>
    public string? Device { get; init; }
    /// <summary>Folder the route goes into.</summary>
    public string OutDir { get; init; } = "routes";
    public double SegmentSeconds { get; init; } = 60;
    /// <summary>Route name (loggerd's folder names); default: the wall time at start.</summary>
    public string Route { get; init; } = Pilot.Messaging.Logs.RouteLayout.NewRouteName(DateTime.Now);

    /// <summary>The simulator plays the car (no real CAN device given).</summary>
    public bool Simulated => Device is null;
}
