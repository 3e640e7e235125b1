using Pilot.Planning.Longitudinal;
using Xunit.Abstractions;

namespace Pilot.Planning.Tests;

public class PlannerClosedLoopTests(ITestOutputHelper output)
{
    private const double JerkTolerance = 0.25;   // m/s³: the ego's jerk is measured between cycles of successive plans

    private void Report(string name, PointMassLoop loop) => output.WriteLine(
        $"{name}: t={loop.Time:F1} s v={loop.EgoV:F2} gap={loop.Gap:F2} minGap={loop.MinGap:F2} a=[{loop.MinEgoAccel:F2}, {loop.MaxEgoAccel:F2}] " +
        $"maxJerk={loop.MaxEgoJerk:F2} emergency={loop.EmergencyCycles} source={loop.Planner.Source} " +
        $"unconverged={loop.UnconvergedCycles} maxIterations={loop.MaxIterations}");

    [Fact]
    public void Cruises_up_to_the_set_speed_within_accel_and_jerk_limits()
    {
        var loop = new PointMassLoop(egoV: 20, vCruise: 30);
        loop.Run(40);
        Report("cruise", loop);
        Assert.Equal(30, loop.EgoV, 0.2);
        Assert.True(loop.MaxEgoAccel <= AccelLimits.MaxAccel(20) + 1e-6, $"max accel {loop.MaxEgoAccel}");
        Assert.True(loop.MaxEgoAccel > 0.5, $"max accel {loop.MaxEgoAccel}: it hardly accelerated");
        Assert.True(loop.MaxEgoJerk <= AccelLimits.ComfortJerk + JerkTolerance, $"max jerk {loop.MaxEgoJerk}");
        Assert.Equal(0, loop.EmergencyCycles);
        Assert.Equal(PlanSource.Cruise, loop.Planner.Source);
    }

    [Fact]
    public void Slows_to_a_lower_set_speed_gently()
    {
        var loop = new PointMassLoop(egoV: 30, vCruise: 20);
        loop.Run(30);
        Report("slow", loop);
        Assert.Equal(20, loop.EgoV, 0.2);
        Assert.True(loop.MinEgoAccel >= AccelLimits.CruiseMin * 1.05 - 0.05, $"min accel {loop.MinEgoAccel}");
        Assert.True(loop.MaxEgoJerk <= AccelLimits.ComfortJerk + JerkTolerance, $"max jerk {loop.MaxEgoJerk}");
    }

    [Theory]
    [InlineData(Personality.Standard, 1.45)]
    [InlineData(Personality.Aggressive, 1.25)]
    [InlineData(Personality.Relaxed, 1.75)]
    public void Follows_a_30_mps_lead_at_the_personalitys_time_gap(Personality personality, double expected)
    {
        var loop = new PointMassLoop(egoV: 30, vCruise: 35) { Personality = personality };
        loop.PlaceLead(gap: 70, speed: 30);
        loop.Run(90);
        Report($"follow {personality}", loop);
        // The policy's gap is T·v + 6 m: the time gap T is the headway beyond the 6 m standstill distance.
        double timeGap = (loop.Gap - FollowPolicy.StopDistance) / loop.EgoV;
        output.WriteLine($"time gap {timeGap:F3} s (bumper to bumper {loop.Gap / loop.EgoV:F3} s)");
        Assert.InRange(timeGap, expected * 0.9, expected * 1.1);
        Assert.Equal(30, loop.EgoV, 0.3);
        Assert.Equal(PlanSource.Lead0, loop.Planner.Source);
        Assert.True(loop.Planner.HasLead);
        Assert.True(loop.MaxEgoJerk <= AccelLimits.ComfortJerk + JerkTolerance, $"max jerk {loop.MaxEgoJerk}");
        Assert.Equal(0, loop.FcwCycles);   // avoidable: no collision warning
    }

    [Fact]
    public void A_lead_braking_at_3_mps2_to_a_stop_is_followed_to_a_stop_behind_it()
    {
        var loop = new PointMassLoop(egoV: 30, vCruise: 30);
        loop.PlaceLead(gap: FollowPolicy.DesiredGap(30, 30, FollowPolicy.DefaultTimeGap), speed: 30);
        loop.Run(5);
        loop.LeadAccel = _ => -3;
        loop.Run(30);
        Report("lead brake", loop);
        Assert.True(loop.MinGap > 2.0, $"came within {loop.MinGap:F2} m of the lead");
        Assert.Equal(0, loop.LeadV);
        Assert.True(loop.EgoV < 0.1, $"still moving at {loop.EgoV:F2} m/s");
        Assert.InRange(loop.Gap, 4.0, 8.0);
        Assert.True(loop.Planner.ShouldStop);
        Assert.True(loop.MinEgoAccel >= AccelLimits.Min - 1e-9);
        Assert.True(loop.MaxEgoJerk <= AccelLimits.ComfortJerk + JerkTolerance, $"max jerk {loop.MaxEgoJerk} outside emergencies");
        Assert.Equal(0, loop.FcwCycles);   // avoidable: no collision warning
    }

    [Fact]
    public void A_stopped_car_ahead_at_25_mps_is_stopped_for_without_collision()
    {
        var loop = new PointMassLoop(egoV: 25, vCruise: 25);
        loop.PlaceLead(gap: 150, speed: 0);
        loop.Run(30);
        Report("stopped car", loop);
        Assert.True(loop.MinGap > 2.0, $"came within {loop.MinGap:F2} m");
        Assert.True(loop.EgoV < 0.1);
        Assert.InRange(loop.Gap, 4.0, 8.0);
        Assert.True(loop.MaxEgoJerk <= AccelLimits.ComfortJerk + JerkTolerance, $"max jerk {loop.MaxEgoJerk} outside emergencies");
        Assert.Equal(0, loop.FcwCycles);   // avoidable: no collision warning
    }

    [Fact]
    public void A_late_stopped_car_forces_an_emergency_stop_without_collision()
    {
        var loop = new PointMassLoop(egoV: 25, vCruise: 25);
        loop.PlaceLead(gap: 110, speed: 0);   // comfort braking (2.5 m/s²) from 25 m/s needs 125 m + 6 m
        loop.Run(20);
        Report("late stopped car", loop);
        Assert.True(loop.MinGap > 0.5, $"came within {loop.MinGap:F2} m");
        Assert.True(loop.EgoV < 0.1);
        Assert.True(loop.EmergencyCycles > 0, "braking harder than comfort should have been an emergency");
        Assert.True(loop.MinEgoAccel < -2.5, $"hardest braking only {loop.MinEgoAccel:F2} m/s²");
        Assert.True(loop.MinEgoAccel >= AccelLimits.Min - 1e-9);
        Assert.Equal(0, loop.FcwCycles);   // avoidable: no collision warning
    }

    [Fact]
    public void Stop_and_go_starts_when_the_lead_moves_off()
    {
        var loop = new PointMassLoop(egoV: 0, vCruise: 15);
        loop.PlaceLead(gap: 6, speed: 0);
        loop.Run(5);
        Assert.True(loop.EgoV < 0.1 && loop.Planner.ShouldStop, "it should stay stopped behind a stopped lead");
        loop.LeadAccel = t => loop.LeadV < 10 ? 1.5 : 0;
        loop.Run(20);
        Report("stop and go", loop);
        Assert.False(loop.Planner.ShouldStop);
        Assert.True(loop.EgoV > 8, $"only {loop.EgoV:F2} m/s after the lead left");
        Assert.True(loop.MinGap > 4.0, $"came within {loop.MinGap:F2} m");
    }

    [Fact]
    public void An_unavoidable_collision_raises_a_forward_collision_warning_at_once()
    {
        var loop = new PointMassLoop(egoV: 25, vCruise: 25);
        loop.PlaceLead(gap: 30, speed: 0);   // stopping from 25 m/s at 3.5 m/s² takes 89 m
        loop.Run(0.25);
        Assert.True(loop.Planner.Fcw, "no warning 5 cycles before an unavoidable collision");
        Assert.Equal(AccelLimits.Min, loop.Planner.ATarget, 1e-9);
        Assert.True(loop.Planner.Mpc.Emergency);
    }
}
