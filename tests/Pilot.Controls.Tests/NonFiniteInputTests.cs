using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Controls.Tests;

/// <summary>Numbers that are not numbers never reach the commands.</summary>
public sealed class NonFiniteInputTests
{
    [Fact]
    public void NonFiniteCarStateDisengagesAtOnceAndCommandsNothing()
    {
        using var bench = new ControlsBench { ATarget = 1 };
        bench.Engage();
        bench.Car = bench.Car with { SteeringAngleDeg = double.NaN };
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("canError/immediateDisable", bench.SelfdriveState.AlertType);
        Assert.Equal(0f, bench.CarControl.Actuators.Torque);
        Assert.Equal(0f, bench.CarControl.Actuators.Accel);
        Assert.False(bench.CarControl.LatActive);
    }

    [Fact]
    public void NonFinitePlanSoftDisablesWithFiniteCommands()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.ATarget = double.NaN;
        bench.Run(10);
        Assert.Equal(State.SoftDisabling, bench.State);
        Assert.Equal("Communication Issue: longitudinalPlan aTarget not finite", bench.SelfdriveState.AlertText2);
        Assert.True(float.IsFinite(bench.CarControl.Actuators.Accel));
        Assert.InRange(bench.CarControl.Actuators.Accel, -3.5f, 2.0f);
    }
}
