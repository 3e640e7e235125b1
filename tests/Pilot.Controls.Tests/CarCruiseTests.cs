using ButtonType = Pilot.Messaging.Events.CarState.ButtonEvent.Type;
using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Controls.Tests;

/// <summary>Who keeps the speed decides how Pilot engages and what it asks of the car's own cruise control.</summary>
public sealed class CarCruiseTests
{
    [Fact]
    public void CarKeepingItsOwnSpeedEngagesWithItsCruiseAndSteersOnly()
    {
        using var bench = new ControlsBench { PilotLongitudinal = false, ATarget = 1 };
        bench.PressSetAfterWarmUp();
        Assert.Equal(State.Disabled, bench.State);   // the buttons belong to the car's cruise here
        bench.Car = bench.Car with { CruiseEnabled = true };
        bench.Step();
        Assert.Equal(State.Enabled, bench.State);
        Assert.Equal("pcmEnable/enable", bench.SelfdriveState.AlertType);
        Assert.True(bench.CarControl.LatActive);
        Assert.False(bench.CarControl.LongActive);
        Assert.Equal(0f, bench.CarControl.Actuators.Accel);
        Assert.False(bench.CarControl.CruiseControl.Cancel);
        bench.Car = bench.Car with { CruiseEnabled = false };
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("pcmDisable/userDisable", bench.SelfdriveState.AlertType);
    }

    [Fact]
    public void TheCarsCruiseIsCancelledWhilePilotIsNotEngaged()
    {
        using var bench = new ControlsBench();
        bench.Car = bench.Car with { CruiseEnabled = true };
        bench.Run(10);
        Assert.True(bench.CarControl.CruiseControl.Cancel);
        bench.Car = bench.Car with { CruiseEnabled = false };
        bench.Step();
        Assert.False(bench.CarControl.CruiseControl.Cancel);
    }

    [Fact]
    public void CruiseMainSwitchedOffDisengages()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.Car = bench.Car with { CruiseAvailable = false };
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("cruiseMainOff/userDisable", bench.SelfdriveState.AlertType);
        bench.Press(ButtonType.AccelCruise);
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
    }
}
