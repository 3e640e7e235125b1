using Pilot.Messaging.Events;
using AudibleAlert = Pilot.Messaging.Events.CarControl.HudControl.AudibleAlert;
using ButtonType = Pilot.Messaging.Events.CarState.ButtonEvent.Type;
using Gear = Pilot.Messaging.Events.CarState.GearShifter;
using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Controls.Tests;

/// <summary>controlsd's engagement end to end: hand-built input Events in, its three output Events read back.</summary>
public sealed class EngagementDaemonTests
{
    [Fact]
    public void SetPressWithCruiseMainOnEngages()
    {
        using var bench = new ControlsBench();
        bench.Run(100);
        Assert.Equal(State.Disabled, bench.State);
        Assert.True(bench.SelfdriveState.Engageable);
        Assert.True(bench.Valid);
        bench.Press(ButtonType.DecelCruise);
        bench.Step();
        Assert.Equal(State.Enabled, bench.State);
        Assert.True(bench.SelfdriveState.Enabled && bench.SelfdriveState.Active);
        Assert.Equal("buttonEnable/enable", bench.SelfdriveState.AlertType);
        Assert.Equal(AudibleAlert.Engage, bench.SelfdriveState.AlertSound);
        Assert.True(bench.CarControl.Enabled && bench.CarControl.LatActive && bench.CarControl.LongActive);
    }

    [Fact]
    public void SetPressWithCruiseMainOffDoesNotEngage()
    {
        using var bench = new ControlsBench();
        bench.Car = bench.Car with { CruiseAvailable = false };
        bench.PressSetAfterWarmUp();
        Assert.Equal(State.Disabled, bench.State);
        Assert.False(bench.CarControl.Enabled);
    }

    [Fact]
    public void ResumePressEngagesAndCancelDisengages()
    {
        using var bench = new ControlsBench();
        bench.Run(100);
        bench.Press(ButtonType.AccelCruise);
        bench.Step();
        Assert.Equal(State.Enabled, bench.State);
        bench.Press(ButtonType.Cancel);
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("buttonCancel/userDisable", bench.SelfdriveState.AlertType);
    }

    [Fact]
    public void BrakePressDisengagesAtOnceWithTheDisengageAlert()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.Run(50);
        bench.Car = bench.Car with { BrakePressed = true };
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("pedalPressed/userDisable", bench.SelfdriveState.AlertType);
        Assert.Equal(AudibleAlert.Disengage, bench.SelfdriveState.AlertSound);
        Assert.False(bench.CarControl.Enabled);
        Assert.False(bench.CarControl.LatActive);
        Assert.Equal(0f, bench.CarControl.Actuators.Torque);
        Assert.Equal(0f, bench.CarControl.Actuators.Accel);
    }

    [Fact]
    public void MissingModelSoftDisablesWithANamedAlertThenDisengagesAfterThreeSeconds()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.SendModel = false;
        // 10 periods of 50 ms: still alive just before, the last model arrived one step before it stopped.
        bench.Run(45);
        Assert.Equal(State.Enabled, bench.State);
        bench.Run(10);
        Assert.Equal(State.SoftDisabling, bench.State);
        Assert.Equal("commIssue/softDisable", bench.SelfdriveState.AlertType);
        Assert.Equal("TAKE CONTROL IMMEDIATELY", bench.SelfdriveState.AlertText1);
        Assert.Equal("Communication Issue: modelV2 not alive", bench.SelfdriveState.AlertText2);
        Assert.False(bench.Valid);
        Assert.True(bench.ControlsState.ForceDecel);
        int softSteps = 0;
        while (bench.State == State.SoftDisabling && softSteps < 1000)
        {
            bench.Step();
            softSteps++;
        }
        Assert.Equal(State.Disabled, bench.State);
        // Entered soft disabling somewhere in the last 10 steps above, then 3 s = 300 steps in all.
        Assert.InRange(softSteps, 290, 300);
        Assert.False(bench.CarControl.Enabled);
    }

    [Fact]
    public void ModelReturningWithinThreeSecondsReturnsToEnabled()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.SendModel = false;
        bench.Run(60);
        Assert.Equal(State.SoftDisabling, bench.State);
        bench.SendModel = true;
        // The 600 ms gap keeps the measured rate out of band until it leaves the 2 s averaging window.
        bench.Run(10);
        Assert.Equal(State.SoftDisabling, bench.State);
        Assert.Equal("Communication Issue: modelV2 frequency out of band", bench.SelfdriveState.AlertText2);
        int steps = 0;
        while (bench.State == State.SoftDisabling && steps < 300)
        {
            bench.Step();
            steps++;
        }
        Assert.Equal(State.Enabled, bench.State);
        Assert.InRange(steps, 150, 230);
    }

    [Fact]
    public void LaggingModelSoftDisables()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.FrameDropPercent = 30;
        bench.Run(5);
        Assert.Equal(State.SoftDisabling, bench.State);
        Assert.Equal("modeldLagging/softDisable", bench.SelfdriveState.AlertType);
        Assert.Equal("Driving Model Lagging", bench.SelfdriveState.AlertText2);
    }

    [Fact]
    public void GasPressOverridesLongitudinalAndReleaseReturnsToEnabled()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.ATarget = 1.0;
        bench.Car = bench.Car with { GasPressed = true };
        bench.Step();
        Assert.Equal(State.Overriding, bench.State);
        Assert.True(bench.CarControl.Enabled);
        Assert.False(bench.CarControl.LongActive);
        Assert.True(bench.CarControl.LatActive);
        Assert.True(bench.CarControl.CruiseControl.Override);
        Assert.Equal(0f, bench.CarControl.Actuators.Accel);
        bench.Car = bench.Car with { GasPressed = false };
        bench.Step();
        Assert.Equal(State.Enabled, bench.State);
        Assert.True(bench.CarControl.LongActive);
    }

    [Fact]
    public void DoorOpenRefusesEngagementWithTheNoEntryAlert()
    {
        using var bench = new ControlsBench();
        bench.Car = bench.Car with { DoorOpen = true };
        bench.Run(100);
        Assert.False(bench.SelfdriveState.Engageable);
        bench.Press(ButtonType.DecelCruise);
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("doorOpen/noEntry", bench.SelfdriveState.AlertType);
        Assert.Equal("Pilot Unavailable", bench.SelfdriveState.AlertText1);
        Assert.Equal("Door Open", bench.SelfdriveState.AlertText2);
        Assert.Equal(AudibleAlert.Refuse, bench.SelfdriveState.AlertSound);
        Assert.False(bench.CarControl.Enabled);
        // The refusal stays on screen for its 3 s, then clears.
        bench.Run(250);
        Assert.Equal("doorOpen/noEntry", bench.SelfdriveState.AlertType);
        bench.Run(60);
        Assert.Equal("", bench.SelfdriveState.AlertType);
    }

    public static TheoryData<string, string, string> RefusingCars => new()
    {
        { "seatbelt", "seatbeltNotLatched/noEntry", "Seatbelt Unlatched" },
        { "esp", "espDisabled/noEntry", "Electronic Stability Control Disabled" },
        { "gear", "wrongGear/noEntry", "Gear not D" },
        { "reverse", "reverseGear/noEntry", "Reverse Gear" },
        { "can", "canError/noEntry", "CAN Error: Check Connections" },
        { "steer", "steerTempUnavailable/noEntry", "Steering Temporarily Unavailable" },
        { "brake", "pedalPressed/noEntry", "Pedal Pressed" },
    };

    [Theory, MemberData(nameof(RefusingCars))]
    public void UnsafeCarStatesRefuseEngagement(string condition, string alertType, string text2)
    {
        using var bench = new ControlsBench();
        bench.Car = condition switch
        {
            "seatbelt" => bench.Car with { SeatbeltUnlatched = true },
            "esp" => bench.Car with { EspDisabled = true },
            "gear" => bench.Car with { Gear = Gear.Park },
            "reverse" => bench.Car with { Gear = Gear.Reverse },
            "can" => bench.Car with { CanValid = false },
            "steer" => bench.Car with { SteerFaultTemporary = true },
            _ => bench.Car with { BrakePressed = true },
        };
        bench.PressSetAfterWarmUp();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal(alertType, bench.SelfdriveState.AlertType);
        Assert.Equal(text2, bench.SelfdriveState.AlertText2);
    }

    [Fact]
    public void NoEngagementBeforeCarParams()
    {
        using var bench = new ControlsBench { SendCarParams = false };
        bench.Run(100);
        Assert.Equal("Waiting for Car Parameters", bench.SelfdriveState.AlertText1);
        Assert.Equal("noCarParams/permanent", bench.SelfdriveState.AlertType);
        bench.Press(ButtonType.DecelCruise);
        bench.Step();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("Pilot Unavailable", bench.SelfdriveState.AlertText1);
        Assert.False(bench.CarControl.LatActive);
        Assert.Equal(0f, bench.CarControl.Actuators.Torque);
    }

    [Fact]
    public void CarParamsWithoutATorqueScaleRefuseEngagement()
    {
        using var bench = new ControlsBench { LatAccelFactor = 0 };
        bench.PressSetAfterWarmUp();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("Car Parameters Invalid: lateralTuning.latAccelFactor", bench.SelfdriveState.AlertText2);
    }

    [Fact]
    public void CarParamsTurningInvalidWhileEngagedDisengageAtOnce()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.LatAccelFactor = 0;   // the next carParams (every 5 s) lacks the torque scale
        bench.Run(400);
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("carParamsInvalid/immediateDisable", bench.SelfdriveState.AlertType);
        Assert.Equal(0f, bench.CarControl.Actuators.Torque);
    }

    [Fact]
    public void DeadProcessRefusesEngagementByName()
    {
        using var bench = new ControlsBench { DeadProcess = "plannerd" };
        bench.PressSetAfterWarmUp();
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("System Malfunction: plannerd not running", bench.SelfdriveState.AlertText2);
    }

    [Fact]
    public void BenchWithoutManagerOrDeviceStateStillEngages()
    {
        using var bench = new ControlsBench { SendManager = false };
        bench.Engage();
        Assert.True(bench.Valid);
    }

    [Fact]
    public void DeviceRefusingControlsForTwoSecondsDisengagesImmediately()
    {
        using var bench = new ControlsBench();
        bench.Engage();
        bench.ControlsAllowed = false;
        bench.Run(190);
        Assert.Equal(State.Enabled, bench.State);
        bench.Run(20);
        Assert.Equal(State.Disabled, bench.State);
        Assert.Equal("controlsMismatch/immediateDisable", bench.SelfdriveState.AlertType);
        Assert.Equal("Controls Mismatch", bench.SelfdriveState.AlertText2);
    }

    [Fact]
    public void BrakeHeldAtStandstillPreEnablesUntilReleased()
    {
        using var bench = new ControlsBench();
        bench.Car = bench.Car with { VEgo = 0, Standstill = true, BrakePressed = true };
        bench.PressSetAfterWarmUp();
        Assert.Equal(State.PreEnabled, bench.State);
        Assert.False(bench.SelfdriveState.Active);
        bench.Run(25);   // past the engage chime
        Assert.Equal(State.PreEnabled, bench.State);
        Assert.Equal("Release Brake Pedal to Engage", bench.SelfdriveState.AlertText1);
        bench.Car = bench.Car with { BrakePressed = false };
        bench.Step();
        Assert.Equal(State.Enabled, bench.State);
    }

    [Fact]
    public void CumulativeLagIsZeroOnSchedule()
    {
        using var bench = new ControlsBench();
        bench.Run(10);
        Assert.Equal(0f, bench.ControlsState.CumLagMs);
    }
}
