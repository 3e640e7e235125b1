namespace Pilot.Planning.Longitudinal;

/// <summary>Acceleration and jerk limits of the plan (ARCHITECTURE.md, openpilot longitudinal_planner.py).</summary>
public static class AccelLimits
{
    public const double Min = -3.5;             // m/s², hardest braking the plan asks for (ISO 15622 ACC ceiling, openpilot ACCEL_MIN)
    public const double Max = 2.0;              // m/s², hardest acceleration ever planned
    public const double CruiseMin = -1.2;       // m/s², how hard the plan slows down for a lower set speed (openpilot CRUISE_MIN_ACCEL)
    public const double ComfortJerk = 5.0;      // m/s³, jerk bound outside emergencies
    public const double EmergencyJerk = 20.0;   // m/s³, when comfort cannot keep the safe distance: reach −3.5 m/s² within 0.2 s

    private static readonly double[] MaxAccelSpeeds = [0, 10, 25, 40];    // m/s (openpilot A_CRUISE_MAX_BP)
    private static readonly double[] MaxAccelValues = [1.6, 1.2, 0.8, 0.6]; // m/s² (openpilot A_CRUISE_MAX_VALS): gentler at speed

    /// <summary>Speed-dependent comfort acceleration limit, m/s² (linear between the breakpoints, held flat beyond).</summary>
    public static double MaxAccel(double vEgo) => Math.Min(Max, Interp(vEgo, MaxAccelSpeeds, MaxAccelValues));

    internal static double Interp(double x, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        if (x <= xs[0]) return ys[0];
        for (int i = 1; i < xs.Length; i++)
            if (x <= xs[i]) return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[^1];
    }
}
