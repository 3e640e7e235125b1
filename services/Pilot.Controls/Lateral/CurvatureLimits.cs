namespace Pilot.Controls.Lateral;

/// <summary>
/// The ISO 11270 comfort limits on a desired curvature (openpilot's clip_curvature): lateral jerk bounds how fast it may
/// change, lateral acceleration and an absolute maximum bound its size. Roll compensation is left out: Pilot has no
/// road-roll estimate, so the limits are the flat-road ones.
/// </summary>
public static class CurvatureLimits
{
    public const double MaxLateralAccel = 3.0;    // m/s² (ARCHITECTURE.md, ISO 11270)
    public const double MaxLateralJerk = 5.0;     // m/s³
    public const double MaxCurvature = 0.2;       // 1/m: about a 5 m radius, tighter than any car turns
    public const double MinSpeed = 1.0;           // m/s: below this the v² limits would allow anything

    /// <summary>
    /// <paramref name="desired"/> limited against <paramref name="previous"/> (the last command, 1/m) at <paramref name="speed"/>
    /// m/s over one step of <paramref name="dt"/> s. <paramref name="limited"/>: the size limits cut it (not the rate).
    /// </summary>
    public static double Clip(double speed, double previous, double desired, double dt, out bool limited)
    {
        double v = Math.Max(speed, MinSpeed);
        double v2 = v * v;
        // Lateral jerk ≈ v²·dκ/dt at constant speed (openpilot PR 24755 accepts the approximation).
        double maxRate = MaxLateralJerk / v2;
        double k = Math.Clamp(desired, previous - maxRate * dt, previous + maxRate * dt);
        double maxByAccel = Math.Min(MaxLateralAccel / v2, MaxCurvature);
        limited = Math.Abs(k) > maxByAccel;
        return Math.Clamp(k, -maxByAccel, maxByAccel);
    }
}
