namespace Pilot.ClosedLoop.Tests;

/// <summary>The figures the proof is stated in, computed from a drive's samples (ground truth, 100 Hz).</summary>
internal static class DriveFigures
{
    private const int JerkWindow = 10;   // samples (0.1 s): jerk from accelerations 0.1 s apart, so one-tick noise does not count

    /// <summary>Root mean square and largest |lane offset| while engaged, skipping the first <paramref name="settleS"/> s of engagement.</summary>
    public static (double Rms, double Max) LateralError(IReadOnlyList<Sample> samples, double settleS)
    {
        double? engagedAt = null;
        double sum = 0, max = 0;
        int n = 0;
        foreach (var s in samples)
        {
            if (!s.Enabled) continue;
            engagedAt ??= s.Time;
            if (s.Time - engagedAt < settleS) continue;
            sum += s.LaneOffset * s.LaneOffset;
            max = Math.Max(max, Math.Abs(s.LaneOffset));
            n++;
        }
        return n == 0 ? (double.NaN, double.NaN) : (Math.Sqrt(sum / n), max);
    }

    /// <summary>Largest |jerk| of the ego car, m/s³, and when, over the samples where <paramref name="include"/> holds at both ends.</summary>
    public static (double Jerk, double Time) MaxJerk(IReadOnlyList<Sample> samples, Func<Sample, bool> include)
    {
        (double Jerk, double Time) max = (0, 0);
        for (int i = JerkWindow; i < samples.Count; i++)
        {
            var (a, b) = (samples[i - JerkWindow], samples[i]);
            if (!include(a) || !include(b)) continue;
            double jerk = Math.Abs(b.AEgo - a.AEgo) / (b.Time - a.Time);
            if (jerk > max.Jerk) max = (jerk, b.Time);
        }
        return max;
    }

    /// <summary>Mean time gap (gap / speed) to the lead over the samples from <paramref name="from"/> to <paramref name="to"/> s.</summary>
    public static double MeanTimeGap(IReadOnlyList<Sample> samples, double from, double to)
    {
        var gaps = samples.Where(s => s.Time >= from && s.Time <= to && s.LeadPresent && s.VEgo > 1).Select(s => s.LeadGap / s.VEgo).ToList();
        return gaps.Count == 0 ? double.NaN : gaps.Average();
    }

    /// <summary>Share of the samples after <paramref name="from"/> s that were engaged.</summary>
    public static double EngagedShare(IReadOnlyList<Sample> samples, double from) =>
        samples.Where(s => s.Time >= from).Select(s => s.Enabled ? 1.0 : 0.0).DefaultIfEmpty(0).Average();
}
