namespace Pilot.Planning.Longitudinal;

/// <summary>The plan's time grid: 17 points over 2.5 s (ARCHITECTURE.md), jerk constant between points.</summary>
public static class PlanGrid
{
    public const int Points = 17;
    public const int Intervals = Points - 1;
    public const double Horizon = 2.5;             // s
    public const double Dt = Horizon / Intervals;  // s, 0.15625

    public static double Time(int k) => k * Dt;

    /// <summary>Linear interpolation of a plan trajectory (17 values) at time t, s, held flat past the ends.</summary>
    public static double At(ReadOnlySpan<double> values, double t)
    {
        if (t <= 0) return values[0];
        double f = t / Dt;
        int i = (int)f;
        if (i >= Intervals) return values[Intervals];
        return values[i] + (values[i + 1] - values[i]) * (f - i);
    }
}
