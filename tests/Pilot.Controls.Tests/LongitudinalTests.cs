using Pilot.Controls.Longitudinal;
using LongState = Pilot.Messaging.Events.CarControl.LongControlState;

namespace Pilot.Controls.Tests;

/// <summary>The longitudinal controller against a simple car (first-order lag plus drag) and its state machine.</summary>
public sealed class LongitudinalTests
{
    private const double Dt = 0.01;

    [Fact]
    public void PidTracksAStepInTheTargetDespiteDrag()
    {
        var lc = new LongControl(100, 1.0);
        var car = new LagCar(tauS: 0.3, dragAccel: -0.4, v: 15);
        LongOutput output = default;
        for (int i = 0; i < 100; i++) output = car.Step(lc.Update(true, LateralTests.Civic, car.V, car.A, false, false, 0.0, false));
        Assert.Equal(LongState.Pid, lc.State);
        for (int i = 0; i < 500; i++) output = car.Step(lc.Update(true, LateralTests.Civic, car.V, car.A, false, false, 1.0, false));
        // The feed-forward alone would settle 0.4 m/s² short; the integrator closes the gap.
        Assert.InRange(car.A, 0.95, 1.05);
        Assert.True(output.I > 0.3);
        Assert.Equal(1.0, output.F, 9);
        for (int i = 0; i < 500; i++) output = car.Step(lc.Update(true, LateralTests.Civic, car.V, car.A, false, false, -2.0, false));
        Assert.InRange(car.A, -2.05, -1.95);
    }

    [Fact]
    public void CommandStaysWithinTheAccelerationLimits()
    {
        var lc = new LongControl(100, 1.0);
        for (int i = 0; i < 300; i++)
        {
            double up = lc.Update(true, LateralTests.Civic, 20, -1, false, false, 5.0, false).Accel;
            Assert.InRange(up, LongControl.AccelMin, LongControl.AccelMax);
        }
        Assert.Equal(LongControl.AccelMax, lc.Update(true, LateralTests.Civic, 20, -1, false, false, 5.0, false).Accel, 9);
        for (int i = 0; i < 300; i++) lc.Update(true, LateralTests.Civic, 20, 1, false, false, -9.0, false);
        Assert.Equal(LongControl.AccelMin, lc.Update(true, LateralTests.Civic, 20, 1, false, false, -9.0, false).Accel, 9);
    }

    [Fact]
    public void StoppingPlanAtLowSpeedRampsDownToStopAccelAndHolds()
    {
        var lc = new LongControl(100, 1.0);
        lc.Update(true, LateralTests.Civic, 3, 0, false, false, 0.3, false);
        Assert.Equal(LongState.Starting, lc.State);   // engaging always passes through starting
        lc.Update(true, LateralTests.Civic, 3, 0, false, false, 0.3, false);
        Assert.Equal(LongState.Pid, lc.State);
        var first = lc.Update(true, LateralTests.Civic, 0.3, -0.5, false, false, -0.5, true);
        Assert.Equal(LongState.Stopping, lc.State);
        // From a positive command it drops to 0 first, then by stoppingDecelRate each step.
        Assert.Equal(-0.8 * Dt, first.Accel, 9);
        double previous = first.Accel;
        for (int i = 0; i < 400; i++)
        {
            double a = lc.Update(true, LateralTests.Civic, 0.0, 0, false, true, -0.5, true).Accel;
            Assert.InRange(previous - a, 0, 0.8 * Dt + 1e-9);
            previous = a;
        }
        Assert.Equal(LongState.Stopping, lc.State);
        Assert.InRange(previous, LateralTests.Civic.StopAccel - 0.8 * Dt, LateralTests.Civic.StopAccel);
    }

    [Fact]
    public void StartingAppliesStartAccelUntilMoving()
    {
        var lc = new LongControl(100, 1.2);
        lc.Update(true, LateralTests.Civic, 0, 0, false, true, 0, true);
        Assert.Equal(LongState.Stopping, lc.State);
        // Cruise standstill or the brake keep it stopped even when the plan moves off.
        lc.Update(true, LateralTests.Civic, 0, 0, true, false, 0.5, false);
        Assert.Equal(LongState.Stopping, lc.State);
        var start = lc.Update(true, LateralTests.Civic, 0, 0, false, false, 0.5, false);
        Assert.Equal(LongState.Starting, lc.State);
        Assert.Equal(1.2, start.Accel, 9);
        lc.Update(true, LateralTests.Civic, 0.6, 0.5, false, false, 0.5, false);
        Assert.Equal(LongState.Pid, lc.State);
        Assert.Equal(LongState.Off, lc.Update(false, LateralTests.Civic, 0.6, 0.5, false, false, 0.5, false).State);
        Assert.Equal(0, lc.Update(false, LateralTests.Civic, 0.6, 0.5, false, false, 0.5, false).Accel);
    }

    [Theory]
    [InlineData(LongState.Off, true, false, false, false, LongState.Starting)]
    [InlineData(LongState.Off, true, true, false, false, LongState.Stopping)]
    [InlineData(LongState.Off, true, false, true, false, LongState.Stopping)]
    [InlineData(LongState.Pid, true, true, false, false, LongState.Stopping)]
    [InlineData(LongState.Pid, true, false, true, false, LongState.Pid)]
    [InlineData(LongState.Starting, true, false, false, true, LongState.Pid)]
    [InlineData(LongState.Starting, true, false, false, false, LongState.Starting)]
    [InlineData(LongState.Stopping, true, false, false, false, LongState.Starting)]
    [InlineData(LongState.Pid, false, false, false, true, LongState.Off)]
    public void StateTransitionsFollowLongcontrol(LongState from, bool active, bool shouldStop, bool brake, bool moving, LongState to) =>
        Assert.Equal(to, LongControl.Transition(from, active, moving ? 1.0 : 0.0, 0.5, shouldStop, brake, false));

    [Fact]
    public void DaemonCommandsThePlanOnlyWhileEngaged()
    {
        using var bench = new ControlsBench { ATarget = 1.0 };
        bench.Run(100);
        Assert.Equal(0f, bench.CarControl.Actuators.Accel);
        Assert.Equal(LongState.Off, bench.CarControl.Actuators.LongControlState);
        bench.Engage();
        bench.Run(20);
        Assert.Equal(LongState.Pid, bench.CarControl.Actuators.LongControlState);
        Assert.InRange(bench.CarControl.Actuators.Accel, 1.0f, 2.0f);
        Assert.Equal(1.0f, bench.ControlsState.ATarget);
        bench.Car = bench.Car with { VEgo = 0.2 };
        bench.ShouldStop = true;
        bench.Run(10);
        Assert.Equal(LongState.Stopping, bench.CarControl.Actuators.LongControlState);
    }

    /// <summary>A car whose acceleration follows the command with a lag and loses a constant drag.</summary>
    private sealed class LagCar(double tauS, double dragAccel, double v)
    {
        public double V { get; private set; } = v;
        public double A { get; private set; }

        public LongOutput Step(LongOutput command)
        {
            A += (command.Accel + dragAccel - A) * Dt / tauS;
            V += A * Dt;
            return command;
        }
    }
}
