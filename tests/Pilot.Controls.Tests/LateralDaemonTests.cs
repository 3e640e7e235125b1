using Pilot.Controls.Lateral;

namespace Pilot.Controls.Tests;

/// <summary>controlsd's lateral output from a model path, signs and limits, end to end.</summary>
public sealed class LateralDaemonTests
{
    [Theory]
    [InlineData(+1)]
    [InlineData(-1)]
    public void PathBendingLeftGivesPositiveCurvatureAndTorque(int side)
    {
        const double roadCurvature = 1.0 / 500;   // 1/m: a highway curve
        using var bench = new ControlsBench { PathY = x => side * roadCurvature * x * x / 2 };
        bench.Engage();
        bench.Run(100);
        var a = bench.CarControl.Actuators;
        Assert.Equal(side, Math.Sign(a.Curvature));
        Assert.Equal(side, Math.Sign(a.Torque));
        Assert.InRange(Math.Abs(a.Curvature), 0.8 * roadCurvature, 1.2 * roadCurvature);
        // Feed-forward dominates: desired lateral acceleration over latAccelFactor, plus friction toward the error.
        double ff = roadCurvature * 20 * 20 / 2.5;
        Assert.InRange(Math.Abs(a.Torque), 0.5 * ff, 1.0);
        Assert.Equal(side, Math.Sign(bench.ControlsState.Lateral.F));
    }

    [Fact]
    public void StraightCenteredPathCommandsNoSteering()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.Run(50);
        Assert.Equal(0f, bench.CarControl.Actuators.Curvature, 1e-6f);
        Assert.InRange(bench.CarControl.Actuators.Torque, -1e-3f, 1e-3f);
    }

    [Theory]
    [InlineData(20.0, 0.05, 5.0)]
    [InlineData(30.0, -0.02, 5.0)]
    [InlineData(2.0, 1.0, 2.0)]      // a short lookahead at walking pace: the absolute 0.2 1/m binds
    public void LateralLimitsHoldEveryStep(double speed, double pathCurvature, double minLookaheadM)
    {
        using var bench = new ControlsBench(new Daemon.ControlsdOptions { MinLookaheadM = minLookaheadM }) { PathY = x => pathCurvature * x * x / 2 };
        bench.Car = bench.Car with { VEgo = speed };
        bench.Engage();
        double v2 = Math.Max(speed, CurvatureLimits.MinSpeed) * Math.Max(speed, CurvatureLimits.MinSpeed);
        double previous = bench.CarControl.Actuators.Curvature;
        double maxStep = CurvatureLimits.MaxLateralJerk / v2 * 0.01;
        bool reachedLimit = false;
        for (int i = 0; i < 300; i++)
        {
            bench.Step();
            double k = bench.CarControl.Actuators.Curvature;
            Assert.InRange(Math.Abs(k - previous), 0, maxStep * 1.001 + 1e-7);
            Assert.InRange(Math.Abs(k) * v2, 0, CurvatureLimits.MaxLateralAccel * 1.001);
            Assert.InRange(Math.Abs(k), 0, CurvatureLimits.MaxCurvature * 1.0001);
            Assert.InRange(bench.CarControl.Actuators.Torque, -1f, 1f);
            reachedLimit |= Math.Abs(Math.Abs(k) - Math.Min(CurvatureLimits.MaxLateralAccel / v2, CurvatureLimits.MaxCurvature)) < 1e-5;
            previous = k;
        }
        Assert.True(reachedLimit, "the desired curvature never reached its limit");
    }

    [Fact]
    public void SaturatedSteeringRaisesTheTurnExceedsLimitWarning()
    {
        // A torque scale so weak that the feed-forward alone saturates on a 3 m/s² turn.
        using var bench = new ControlsBench { LatAccelFactor = 0.5f, PathY = x => 0.02 * x * x / 2 };
        bench.Engage();
        bench.Run(300);
        Assert.True(bench.ControlsState.Lateral.Saturated);
        Assert.Equal("steerSaturated/warning", bench.SelfdriveState.AlertType);
        Assert.Equal("Turn Exceeds Steering Limit", bench.SelfdriveState.AlertText2);
        Assert.Equal(Pilot.Messaging.Events.SelfdriveState.State.Enabled, bench.State);
    }
}
