namespace Pilot.Controls.Daemon;

/// <summary>controlsd's settings; the defaults are what a car needs, the CLI exposes each.</summary>
public sealed record ControlsdOptions
{
    public const double RateHz = 100;   // ARCHITECTURE.md: controlsd runs at 100 Hz

    /// <summary>Time past the steering actuator delay that the path lookahead aims at, s.</summary>
    public double LookaheadS { get; init; } = 1.0;

    /// <summary>Shortest lookahead distance, m: at walking pace the path point must stay ahead of the car.</summary>
    public double MinLookaheadM { get; init; } = 5.0;

    /// <summary>Acceleration commanded while pulling away from a stop, m/s².</summary>
    public double StartAccel { get; init; } = 1.0;

    /// <summary>Inputs a bench may lack: they count for health only once heard, and are never timed.</summary>
    public IReadOnlyList<string> Optional { get; init; } = ["deviceState", "managerState"];
}
