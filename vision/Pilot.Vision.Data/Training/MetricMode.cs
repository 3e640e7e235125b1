namespace Pilot.Vision.Data.Training;

/// <summary>Whether a monitored metric improves downwards (loss) or upwards (accuracy), as Keras' mode="min"/"max".</summary>
public enum MetricMode
{
    Min,
    Max,
}

public static class MetricModeExtensions
{
    /// <summary>True when <paramref name="value"/> beats <paramref name="best"/> by more than
    /// <paramref name="minDelta"/> in the mode's direction (any finite value beats a null best; NaN never improves).</summary>
    public static bool IsImprovement(this MetricMode mode, double value, double? best, double minDelta = 0)
    {
        if (double.IsNaN(value)) return false;
        if (best is not { } b) return true;
        return mode == MetricMode.Min ? value < b - minDelta : value > b + minDelta;
    }
}
