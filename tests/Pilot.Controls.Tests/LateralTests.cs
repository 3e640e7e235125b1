using Pilot.Capnp;
using Pilot.Controls.Car;
using Pilot.Controls.Lateral;
using Pilot.Messaging.Events;

namespace Pilot.Controls.Tests;

/// <summary>The vehicle model, the path-to-curvature step, the limits and the torque controller on their own.</summary>
public sealed class LateralTests
{
    internal static readonly CarParameters Civic = new(1462, 2.70, 1.08, 15.38, 192150, 202500, 0.1, 0.8, -1, 0, true,
        0.5, 0.5, -2.0, 0.8, new TorqueTuning(2.5, 0, 0.1, 1.0, 0.1), LongitudinalTuning.Default);

    [Fact]
    public void VehicleModelUndersteersAndInvertsExactly()
    {
        var vm = new VehicleModel(Civic);
        Assert.True(vm.UndersteerGradient > 0);
        double angle = 0.5;   // rad at the steering wheel
        // At standstill the car follows the kinematic (Ackermann) curvature δ / (sR·L).
        Assert.Equal(angle / Civic.SteerRatio / Civic.WheelbaseM, vm.Curvature(angle, 0), 12);
        Assert.True(vm.Curvature(angle, 30) < vm.Curvature(angle, 10));
        Assert.Equal(angle / Civic.SteerRatio / Civic.WheelbaseM / (1 + vm.UndersteerGradient * 400), vm.Curvature(angle, 20), 12);
        Assert.Equal(angle, vm.SteeringWheelAngle(vm.Curvature(angle, 25), 25), 12);
        Assert.True(vm.Curvature(-angle, 20) < 0);
    }

    [Theory]
    [InlineData(0.002, 20)]
    [InlineData(-0.01, 10)]
    [InlineData(0.05, 5)]
    public void PurePursuitFollowsACircle(double curvature, double speed)
    {
        var path = Path(s => Math.Sin(curvature * s) / curvature, s => (1 - Math.Cos(curvature * s)) / curvature, speed);
        double? k = new PathCurvature(1.0, 5).FromPath(path, speed, 0.1);
        Assert.NotNull(k);
        // Exact on the arc; the lookahead point is interpolated on the chord between grid points (about 1% off).
        Assert.InRange(k!.Value / curvature, 0.98, 1.02);
    }

    [Fact]
    public void OffsetToTheRightOfThePathSteersLeftAndScalesWithTheLookahead()
    {
        // The path lies 0.5 m to the car's left: steer left, more with a shorter lookahead.
        var path = Path(s => s, _ => 0.5, 20);
        double shortLook = new PathCurvature(0.5, 5).FromPath(path, 20, 0.1)!.Value;
        double longLook = new PathCurvature(1.5, 5).FromPath(path, 20, 0.1)!.Value;
        Assert.True(longLook > 0);
        Assert.True(shortLook > longLook);
        double L = 20 * (0.1 + 1.5);
        Assert.Equal(2 * 0.5 / (L * L + 0.25), longLook, 9);
    }

    [Fact]
    public void UnusablePathsGiveNoCurvature()
    {
        var pc = new PathCurvature(1.0, 5);
        Assert.Null(pc.FromPath(Path(_ => 0, _ => 0, 20, points: 1), 20, 0.1));
        Assert.Null(pc.FromPath(Path(_ => 0, _ => 0, 0), 0, 0.1));
        Assert.Null(pc.FromPath(Path(s => s, _ => double.NaN, 20), 20, 0.1));
    }

    [Fact]
    public void ClipLimitsRateThenSize()
    {
        double k = CurvatureLimits.Clip(20, 0, 0.1, 0.01, out bool limited);
        Assert.Equal(5.0 / 400 * 0.01, k, 12);    // jerk-limited step
        Assert.False(limited);
        k = CurvatureLimits.Clip(20, 0.0074, 0.1, 0.01, out limited);
        Assert.Equal(3.0 / 400, k, 12);           // lateral-acceleration limit
        Assert.True(limited);
        k = CurvatureLimits.Clip(0.5, 0.19, -1, 10, out limited);
        Assert.Equal(-0.2, k, 12);                 // absolute limit below the v² ones
        Assert.True(limited);
    }

    [Fact]
    public void TorqueIsFeedForwardPlusPidOnLateralAcceleration()
    {
        var tc = new TorqueController(100);
        double v = 20, desired = 0.002;          // 0.8 m/s² desired
        var first = tc.Update(true, Civic, v, false, desired, desired, false);
        // On target: no error, torque is (a − offset)/factor plus nothing from friction.
        Assert.Equal(0.8 / 2.5, first.Torque, 9);
        Assert.Equal(0, first.ErrorLatAccel, 9);
        // Car drives less curvature than wanted: error positive, friction and P push further left, I grows.
        var under = tc.Update(true, Civic, v, false, desired, 0.001, false);
        Assert.True(under.ErrorLatAccel > 0);
        Assert.Equal(0.1, under.F - 0.8 / 2.5, 9);   // full friction beyond 0.3 m/s² of error
        Assert.True(under.P > 0 && under.I > 0);
        Assert.True(under.Torque > first.Torque);
        // The driver steering freezes the integrator.
        var held = tc.Update(true, Civic, v, true, desired, 0.001, false);
        Assert.Equal(under.I, held.I, 12);
        // Inactive: nothing, and the integrator resets.
        Assert.Equal(default, tc.Update(false, Civic, v, false, desired, 0, false));
        Assert.Equal(0, tc.Update(true, Civic, v, false, desired, desired, false).I, 12);
    }

    [Fact]
    public void TorqueSaturatesOnlyAfterTheSteerLimitTimer()
    {
        var tc = new TorqueController(100);
        int steps = 0;
        while (!tc.Update(true, Civic, 25, false, 0.02, 0, false).Saturated && steps < 1000) steps++;
        Assert.InRange(steps, 79, 81);              // steerLimitTimer 0.8 s at 100 Hz
        Assert.False(new TorqueController(100).Update(true, Civic, 5, false, 0.2, 0, false).Saturated);
    }

    private static XyztData.Reader Path(Func<double, double> x, Func<double, double> y, double speed, int points = 33)
    {
        var msg = new MessageBuilder();
        var p = new XyztData.Builder(msg.InitRoot(XyztData.Builder.DataWords, XyztData.Builder.PointerCount));
        var xs = p.InitX(points);
        var ys = p.InitY(points);
        for (int i = 0; i < points; i++)
        {
            double s = speed * 10.0 * (i / 32.0) * (i / 32.0);   // arc length driven by the model's time grid
            xs[i] = (float)x(s);
            ys[i] = (float)y(s);
        }
        return p.AsReader();
    }
}
