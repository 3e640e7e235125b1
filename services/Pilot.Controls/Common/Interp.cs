namespace Pilot.Controls.Common;

/// <summary>Piecewise-linear lookup with clamped ends (numpy's <c>interp</c>), the form every tuning table takes.</summary>
public static class Interp
{
    /// <summary>
    /// y at <paramref name="x"/> on the polyline (xs, ys); xs ascending. Outside the range the end values hold, so a
    /// table never extrapolates a gain past what was tuned.
    /// </summary>
    public static double At(double x, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        if (xs.Length == 0 || xs.Length != ys.Length)
            throw new ArgumentException($"interpolation table needs matching non-empty breakpoints and values (got {xs.Length} and {ys.Length})");
        if (x <= xs[0]) return ys[0];
        for (int i = 1; i < xs.Length; i++)
            if (x < xs[i])
            {
                double f = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return ys[i - 1] + f * (ys[i] - ys[i - 1]);
            }
        return ys[^1];
    }
}
