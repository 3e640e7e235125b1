namespace Pilot.Car.Common;

/// <summary>Piecewise-linear lookup as numpy.interp, which openpilot's car ports use for every schedule.</summary>
public static class Interp
{
    /// <summary>
    /// The value at <paramref name="x"/> of the polyline through (<paramref name="xp"/>, <paramref name="fp"/>);
    /// held constant beyond the ends. <paramref name="xp"/> must be increasing.
    /// </summary>
    public static double At(double x, ReadOnlySpan<double> xp, ReadOnlySpan<double> fp)
    {
        if (xp.Length == 0 || xp.Length != fp.Length)
            throw new ArgumentException($"lookup needs matching non-empty breakpoints and values ({xp.Length} vs {fp.Length})");
        if (x <= xp[0]) return fp[0];
        for (int i = 1; i < xp.Length; i++)
            if (x < xp[i]) return fp[i - 1] + (fp[i] - fp[i - 1]) * (x - xp[i - 1]) / (xp[i] - xp[i - 1]);
        return fp[^1];
    }
}
