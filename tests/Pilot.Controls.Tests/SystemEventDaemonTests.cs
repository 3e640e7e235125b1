using Pilot.Messaging.Events;
using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Controls.Tests;

/// <summary>Events from the other processes, end to end: each takes control away (or warns) with its own alert.</summary>
public sealed class SystemEventDaemonTests
{
    [Fact]
    public void InvalidPlanSoftDisablesNamingIt()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.PlanValid = false;
        bench.Run(5);
        Assert.Equal(State.SoftDisabling, bench.State);
        Assert.Equal("Communication Issue: longitudinalPlan invalid", bench.SelfdriveState.AlertText2);
        Assert.False(bench.Valid);
    }

    [Fact]
    public void RadarFaultSoftDisables()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.RadarError = true;
        bench.Run(5);
        Assert.Equal(State.SoftDisabling, bench.State);
        Assert.Equal("radarFault/softDisable", bench.SelfdriveState.AlertType);
    }

    [Fact]
    public void OverheatSoftDisablesAndRefuses()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.Thermal = DeviceState.ThermalStatus.Red;
        bench.Run(50);
        Assert.Equal(State.SoftDisabling, bench.State);
        Assert.Equal("System Overheated", bench.SelfdriveState.AlertText2);
        bench.Run(300);
        Assert.Equal(State.Disabled, bench.State);
        Assert.False(bench.SelfdriveState.Engageable);
    }

    [Fact]
    public void ForwardCollisionWarningShowsInAnyState()
    {
        using var bench = new ControlsBench();
        bench.Run(100);
        bench.Fcw = true;
        bench.Run(5);
        Assert.Equal("fcw/permanent", bench.SelfdriveState.AlertType);
        Assert.Equal("BRAKE!", bench.SelfdriveState.AlertText1);
        Assert.Equal(SelfdriveState.AlertStatus.Critical, bench.SelfdriveState.AlertStatus);
        Assert.Equal(CarControl.HudControl.VisualAlert.Fcw, bench.CarControl.HudControl.VisualAlert);
    }

    [Fact]
    public void ALeadThatMayBeWarnedOfRaisesNoWarningUntilThePlannerPredictsACrash()
    {
        // radarState's fcw flag only says the lead is sure enough to warn of (openpilot is_potential_fcw); the planner decides.
        using var bench = new ControlsBench { LeadMayWarn = true };
        bench.Run(200);
        Assert.NotEqual("fcw/permanent", bench.SelfdriveState.AlertType);
        Assert.NotEqual(CarControl.HudControl.VisualAlert.Fcw, bench.CarControl.HudControl.VisualAlert);
    }

    [Fact]
    public void BelowMinEnableSpeedRefuses()
    {
        using var bench = new ControlsBench { MinEnableSpeed = 10 };
        bench.Car = bench.Car with { VEgo = 8 };
        bench.PressSetAfterWarmUp();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("speedTooLow/noEntry", bench.SelfdriveState.AlertType);
        Assert.Equal("Speed Too Low", bench.SelfdriveState.AlertText2);
        bench.Car = bench.Car with { VEgo = 12 };
        bench.Run(400);
        bench.Press(Pilot.Messaging.Events.CarState.ButtonEvent.Type.DecelCruise);
        bench.Step();
        Assert.Equal(State.Enabled, bench.State);
    }
}
