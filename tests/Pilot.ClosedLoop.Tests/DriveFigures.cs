using Pilot.Messaging.Events;
using Pilot.Planning.Longitudinal;

namespace Pilot.ClosedLoop.Tests;

/// <summary>The figures the proof is stated in, computed from a drive's samples (ground truth, 100 Hz).</summary>
internal static class DriveFigures
{
    private const int JerkWindow = 10;   // samples (0.1 s): jerk from accelerations 0.1 s apart, so one-tick noise does not count
    /// <summary>
    /// How long after an emergency plan the car's own jerk still counts as emergency braking, s: the actuators reach a
    /// command with a 0.25 s time constant and the brake is released over a few tenths more.
    /// </summary>
    public const double EmergencySettleS = 1.0;

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
    public static (double Jerk, double Time) MaxJerk(IReadOnlyList<Sample> samples, Func<Sample, bool> include) =>
        MaxJerk(samples, i => include(samples[i]));

    private static (double Jerk, double Time) MaxJerk(IReadOnlyList<Sample> samples, Func<int, bool> include)
    {
        (double Jerk, double Time) max = (0, 0);
        for (int i = JerkWindow; i < samples.Count; i++)
        {
            if (!include(i - JerkWindow) || !include(i)) continue;
            var (a, b) = (samples[i - JerkWindow], samples[i]);
            double jerk = Math.Abs(b.AEgo - a.AEgo) / (b.Time - a.Time);
            if (jerk > max.Jerk) max = (jerk, b.Time);
        }
        return max;
    }

    /// <summary>
    /// An emergency plan, as the planner makes one: a forward collision warning, or jerk beyond the comfort bound
    /// (the MPC plans past <see cref="AccelLimits.ComfortJerk"/> only when comfort cannot keep the danger limit).
    /// </summary>
    public static bool IsEmergencyPlan(LongitudinalPlan.Reader plan)
    {
        if (plan.Fcw) return true;
        foreach (float j in plan.Jerks)
            if (Math.Abs(j) > AccelLimits.ComfortJerk + 1e-3) return true;
        return false;
    }

    /// <summary>
    /// Largest |jerk| while engaged and moving, outside emergency braking (an emergency plan and the
    /// <see cref="EmergencySettleS"/> after it), m/s³, and when. A sample at rest does not count: when the wheels stop,
    /// the car's deceleration ends within one step whatever the controller does (the step to rest, not a jerk it commands).
    /// </summary>
    public static (double Jerk, double Time) ComfortJerk(IReadOnlyList<Sample> samples)
    {
        double lastEmergency = double.NegativeInfinity;
        var outside = new bool[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].Emergency) lastEmergency = samples[i].Time;
            outside[i] = samples[i].Enabled && samples[i].VEgo > 0 && samples[i].Time - lastEmergency > EmergencySettleS;
        }
        return MaxJerk(samples, i => outside[i]);
    }

    /// <summary>Simulated seconds of emergency plans while engaged.</summary>
    public static double EmergencySeconds(IReadOnlyList<Sample> samples) => samples.Count(s => s.Enabled && s.Emergency) * 0.01;

    /// <summary>Smallest bumper-to-bumper gap to the lead from <paramref name="from"/> s on, m (+∞ without a lead).</summary>
    public static double MinGap(IReadOnlyList<Sample> samples, double from = 0) =>
        samples.Where(s => s.Time >= from && s.LeadPresent).Select(s => s.LeadGap).DefaultIfEmpty(double.PositiveInfinity).Min();

    /// <summary>
    /// The time gap the planner holds behind a lead at the ego's speed, s: openpilot's follow law in steady following
    /// (both cars at <paramref name="vEgo"/>) is a gap of T·v + 6 m from the radar's distance (ego front to lead rear),
    /// so the time gap it sets, that distance over the ego's speed, is T + 6 m / v (1.65 s at 30 m/s for T = 1.45 s).
    /// </summary>
    public static double SetTimeGap(double vEgo, Personality personality = Personality.Standard) =>
        FollowPolicy.DesiredGap(vEgo, vEgo, FollowPolicy.TimeGap(personality)) / vEgo;

    /// <summary>Mean time gap (ego front to lead rear over ego speed) from <paramref name="from"/> to <paramref name="to"/> s, and the mean ego speed.</summary>
    public static (double TimeGap, double Speed) MeanTimeGap(IReadOnlyList<Sample> samples, double from, double to)
    {
        var window = samples.Where(s => s.Time >= from && s.Time <= to && s.LeadPresent && s.VEgo > 1).ToList();
        return window.Count == 0 ? (double.NaN, double.NaN) : (window.Average(s => s.LeadGap / s.VEgo), window.Average(s => s.VEgo));
    }

    /// <summary>Share of the samples after <paramref name="from"/> s that were engaged.</summary>
    public static double EngagedShare(IReadOnlyList<Sample> samples, double from) =>
        samples.Where(s => s.Time >= from).Select(s => s.Enabled ? 1.0 : 0.0).DefaultIfEmpty(0).Average();
}
