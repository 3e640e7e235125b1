using Pilot.Planning.Longitudinal;
using Xunit.Abstractions;

namespace Pilot.ClosedLoop.Tests;

/// <summary>
/// The issue's proof for following, on the simulator with the Honda Civic's Nidec radar and brakes: a lead braking at
/// 3 m/s² to a stop, a stopped car approached at 25 m/s and a car cutting in. No collision (a margin of
/// <see cref="MinGapM"/> left), the steady-state time gap (ego front to lead rear over ego speed, <see cref="DriveFigures.SetTimeGap"/>)
/// within 10% of what the planner's follow law sets, and jerk within <see cref="AccelLimits.ComfortJerk"/> except in
/// emergency braking (<see cref="DriveFigures.ComfortJerk"/>). A separate class from <see cref="ClosedLoopTests"/>, so the
/// two run side by side.
/// </summary>
public class FollowingTests(ITestOutputHelper output)
{
    private const double MinGapM = 2.0;             // m: "no collision" with room to spare, not by centimetres
    private const double TimeGapTolerance = 0.10;   // the proof's 10%

    [Fact]
    public void ALeadBrakingAt3MetresPerSecondSquaredIsFollowedAndStoppedBehind()
    {
        using var loop = new ClosedLoop("lead-brake");
        loop.RunToEnd();
        var s = loop.Samples;
        Require(loop, DriveFigures.EngagedShare(s, 2) > 0.99, "not engaged for the drive");
        // Steady following at 30 m/s until the lead brakes at 20 s.
        AssertTimeGap(loop, 12, 20);
        double minGap = DriveFigures.MinGap(s);
        Require(loop, minGap > MinGapM, $"closest gap {minGap:F2} m");
        // Both cars stopped: the ego waits the follow law's stop distance behind.
        var last = s[^1];
        Require(loop, last.VEgo < 0.05 && last.LeadSpeed == 0, $"not stopped at the end: {last.VEgo:F2} m/s");
        Require(loop, Math.Abs(last.LeadGap / FollowPolicy.StopDistance - 1) <= TimeGapTolerance, $"stopped {last.LeadGap:F2} m behind, not {FollowPolicy.StopDistance} m");
        AssertComfort(loop);
    }

    [Fact]
    public void AStoppedCarIsApproachedFrom25MetresPerSecondAndStoppedBehind()
    {
        using var loop = new ClosedLoop("stopped-car");
        loop.RunFor(20);   // stopped by 16 s
        var s = loop.Samples;
        double minGap = DriveFigures.MinGap(s);
        Require(loop, minGap > MinGapM, $"closest gap {minGap:F2} m");
        var last = s[^1];
        Require(loop, last.Enabled && last.VEgo < 0.05, $"not stopped and engaged at the end: {last.VEgo:F2} m/s");
        Require(loop, Math.Abs(last.LeadGap / FollowPolicy.StopDistance - 1) <= TimeGapTolerance, $"stopped {last.LeadGap:F2} m behind, not {FollowPolicy.StopDistance} m");
        AssertComfort(loop);
    }

    [Fact]
    public void ACarCuttingInIsFollowedAtTheSetTimeGap()
    {
        using var loop = new ClosedLoop("cut-in");
        loop.RunToEnd();
        var s = loop.Samples;
        Require(loop, DriveFigures.EngagedShare(s, 2) > 0.99, "not engaged for the drive");
        // The car is in the ego lane from about 14 s; the ego has settled behind it at 22 m/s by 30 s.
        var inLane = s.FindIndex(x => x.Time > 12 && x.LeadPresent && x.LeadSpeed < 23);
        Require(loop, inLane >= 0, "the cut-in car never became the lead");
        double minGap = DriveFigures.MinGap(s, s[inLane].Time);
        Require(loop, minGap > MinGapM, $"closest gap {minGap:F2} m");
        AssertTimeGap(loop, 30, 40);
        AssertComfort(loop);
    }

    private void AssertTimeGap(ClosedLoop loop, double from, double to)
    {
        var (gap, speed) = DriveFigures.MeanTimeGap(loop.Samples, from, to);
        double set = DriveFigures.SetTimeGap(speed);
        output.WriteLine($"time gap {gap:F3} s at {speed:F2} m/s ({from}-{to} s); set {set:F3} s; off by {100 * (gap / set - 1):F1}%");
        Require(loop, Math.Abs(gap / set - 1) <= TimeGapTolerance,
            $"time gap {gap:F3} s at {speed:F1} m/s from {from} to {to} s; the follow law sets {set:F3} s");
    }

    private void AssertComfort(ClosedLoop loop)
    {
        Require(loop, !loop.Samples.Any(x => x.Collision), "collided");
        var (jerk, at) = DriveFigures.ComfortJerk(loop.Samples);
        var (any, anyAt) = DriveFigures.MaxJerk(loop.Samples, x => x.Enabled);
        output.WriteLine($"min gap {DriveFigures.MinGap(loop.Samples):F2} m; peak jerk outside emergency {jerk:F2} m/s³ at {at:F2} s; "
            + $"emergency plans {DriveFigures.EmergencySeconds(loop.Samples):F2} s; peak jerk engaged, all included {any:F2} m/s³ at {anyAt:F2} s; "
            + $"last gap {loop.Samples[^1].LeadGap:F2} m at {loop.Samples[^1].VEgo:F2} m/s");
        Require(loop, jerk <= AccelLimits.ComfortJerk,
            $"jerk {jerk:F2} m/s³ at {at:F2} s outside emergency braking ({DriveFigures.EmergencySeconds(loop.Samples):F2} s of emergency plans)");
    }

    /// <summary>Fails with <paramref name="what"/> unless <paramref name="ok"/>, leaving the drive's chain trace (every stage's signals, CSV) beside it.</summary>
    private static void Require(ClosedLoop loop, bool ok, string what)
    {
        if (ok) return;
        string trace = Path.Combine(Path.GetTempPath(), $"closedloop-{loop.World.Scenario.Name}.csv");
        File.WriteAllText(trace, loop.Chain.Csv());
        Assert.Fail($"{what}; at {loop.Time:F1} s; alerts: {string.Join(", ", loop.Alerts.Select(a => $"{a.Time:F1}s {a.Alert}"))}; chain trace: {trace}");
    }
}
