using Pilot.Controls.Common;
using Pilot.Controls.Daemon;

namespace Pilot.Controls.Tests;

/// <summary>The small pieces the controllers are built from.</summary>
public sealed class UnitsTests
{
    [Fact]
    public void InterpClampsAtTheEnds()
    {
        double[] xs = [0, 10, 20], ys = [1, 3, 2];
        Assert.Equal(1, Interp.At(-5, xs, ys));
        Assert.Equal(2, Interp.At(5, xs, ys));
        Assert.Equal(2.5, Interp.At(15, xs, ys));
        Assert.Equal(2, Interp.At(99, xs, ys));
        Assert.Throws<ArgumentException>(() => Interp.At(1, xs, [1.0]));
    }

    [Fact]
    public void PidIntegratorDoesNotWindUpPastTheLimit()
    {
        var pid = new Pid([0], [1], [0], [10], 100) { PosLimit = 1, NegLimit = -1 };
        for (int i = 0; i < 1000; i++) Assert.InRange(pid.Update(5, 10), -1, 1);
        double wound = pid.I;
        Assert.InRange(wound, 0, 1);
        // With the error reversed the output leaves the limit at once instead of unwinding a huge integral.
        Assert.True(pid.Update(-0.5, 10) < 1);
        // Overriding unwinds toward 0 at 0.3/s.
        double before = pid.I;
        pid.Update(0, 10, overriding: true);
        Assert.Equal(before - 0.003 * Math.Sign(before), pid.I, 12);
    }

    [Fact]
    public void LagMeterMeasuresLateStepsAndReanchorsAfterAStall()
    {
        var lag = new LagMeter(100);
        long t = 5_000_000_000;
        Assert.Equal(0, lag.Step(t));
        Assert.Equal(0, lag.Step(t += 10_000_000));
        Assert.Equal(3, lag.Step(t += 13_000_000), 9);   // 3 ms late
        Assert.Equal(0, lag.Step(t += 7_000_000), 9);    // back on the original schedule
        Assert.Equal(490, lag.Step(t += 500_000_000), 9); // a stall
        Assert.Equal(0, lag.Step(t += 10_000_000), 9);   // the schedule restarts from the stall
    }
}
