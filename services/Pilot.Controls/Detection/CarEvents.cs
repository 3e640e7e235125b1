using Pilot.Controls.Car;
using Pilot.Controls.Engagement;
using Pilot.Messaging.Events;
using ButtonType = Pilot.Messaging.Events.CarState.ButtonEvent.Type;
using Gear = Pilot.Messaging.Events.CarState.GearShifter;

namespace Pilot.Controls.Detection;

/// <summary>
/// Events from the car's state (openpilot's selfdrived update_events and car interface events): the driver's buttons
/// and pedals, gear, doors, belts, and the car's own faults. Keeps the few previous values the edges need.
/// </summary>
public sealed class CarEvents
{
    private static readonly Gear[] DrivingGears = [Gear.Drive, Gear.Sport, Gear.Low, Gear.Manumatic];   // forward gears that allow engaging
    private bool _prevBrakePressed, _prevCruiseEnabled;

    /// <param name="cp">the car's parameters; null before carParams arrives (the buttons are still read, so that a
    /// press is answered with the refusal, and the speed limits wait for the car's values)</param>
    public void Detect(EventSet events, CarState.Reader cs, CarParameters? cp)
    {
        var cruise = cs.CruiseState;
        if (cp is null || cp.PilotLongitudinalControl)
        {
            // Pilot keeps the speed: the cruise buttons engage and cancel, the car's own cruise stays off.
            foreach (var b in cs.ButtonEvents)
            {
                if (!b.Pressed) continue;
                if (b.Type == ButtonType.Cancel) events.Add(EventName.ButtonCancel);
                else if ((b.Type is ButtonType.DecelCruise or ButtonType.AccelCruise or ButtonType.ResumeCruise) && cruise.Available)
                    events.Add(EventName.ButtonEnable);
            }
            if (!cruise.Available) events.Add(EventName.CruiseMainOff);
        }
        else
        {
            // The car's cruise keeps the speed: Pilot follows its engagement.
            if (cruise.Enabled && !_prevCruiseEnabled) events.Add(EventName.PcmEnable);
            else if (!cruise.Enabled) events.Add(EventName.PcmDisable);
        }

        // A brake press disengages; a brake already held at standstill only delays engagement until released.
        if (cs.BrakePressed && (!_prevBrakePressed || !cs.Standstill)) events.Add(EventName.PedalPressed);
        else if (cs.BrakePressed && cs.Standstill) events.Add(EventName.PreEnableStandstill);
        if (cs.GasPressed) events.Add(EventName.GasPressedOverride);
        if (cs.SteeringPressed) events.Add(EventName.SteerOverride);

        if (cs.GearShifter == Gear.Reverse) events.Add(EventName.ReverseGear);
        else if (Array.IndexOf(DrivingGears, cs.GearShifter) < 0) events.Add(EventName.WrongGear);
        if (cs.DoorOpen) events.Add(EventName.DoorOpen);
        if (cs.SeatbeltUnlatched) events.Add(EventName.SeatbeltNotLatched);
        if (cs.EspDisabled) events.Add(EventName.EspDisabled);
        if (cs.ParkingBrake) events.Add(EventName.ParkBrake);
        if (cp is { MinEnableSpeed: > 0 } && cs.VEgo < cp.MinEnableSpeed) events.Add(EventName.SpeedTooLow);
        if (cp is { MinSteerSpeed: > 0 } && cs.VEgo < cp.MinSteerSpeed) events.Add(EventName.BelowSteerSpeed);
        if (!cs.CanValid || cs.CanTimeout || !HasFiniteMotion(cs)) events.Add(EventName.CanError);
        if (cs.SteerFaultPermanent) events.Add(EventName.SteerUnavailable);
        else if (cs.SteerFaultTemporary) events.Add(EventName.SteerTempUnavailable);
        if (cs.AccFaulted) events.Add(EventName.AccFaulted);

        _prevBrakePressed = cs.BrakePressed;
        _prevCruiseEnabled = cruise.Enabled;
    }

    /// <summary>The values the controllers compute with are numbers: a NaN would pass every clamp into the commands.</summary>
    public static bool HasFiniteMotion(CarState.Reader cs) =>
        float.IsFinite(cs.VEgo) && float.IsFinite(cs.AEgo) && float.IsFinite(cs.SteeringAngleDeg);
}
