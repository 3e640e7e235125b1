using Pilot.Car.Model;
using EventCarState = Pilot.Messaging.Events.CarState;

namespace Pilot.Car.Messaging;

/// <summary>Writes a decoded <see cref="CarStateData"/> into a <c>carState</c> Event payload.</summary>
public static class CarStateWriter
{
    public static void Write(CarStateData s, EventCarState.Builder b)
    {
        b.SetVEgo((float)s.VEgo);
        b.SetAEgo((float)s.AEgo);
        b.SetVEgoRaw((float)s.VEgoRaw);
        b.SetVEgoCluster((float)s.VEgoCluster);
        b.SetYawRate((float)s.YawRate);
        b.SetStandstill(s.Standstill);
        var wheels = b.InitWheelSpeeds();
        wheels.SetFl((float)s.WheelSpeedFl);
        wheels.SetFr((float)s.WheelSpeedFr);
        wheels.SetRl((float)s.WheelSpeedRl);
        wheels.SetRr((float)s.WheelSpeedRr);
        b.SetSteeringAngleDeg((float)s.SteeringAngleDeg);
        b.SetSteeringRateDeg((float)s.SteeringRateDeg);
        b.SetSteeringTorque((float)s.SteeringTorque);
        b.SetSteeringTorqueEps((float)s.SteeringTorqueEps);
        b.SetSteeringPressed(s.SteeringPressed);
        b.SetSteerFaultTemporary(s.SteerFaultTemporary);
        b.SetSteerFaultPermanent(s.SteerFaultPermanent);
        b.SetGas((float)s.Gas);
        b.SetGasPressed(s.GasPressed);
        b.SetBrake((float)s.Brake);
        b.SetBrakePressed(s.BrakePressed);
        b.SetBrakeHoldActive(s.BrakeHoldActive);
        b.SetParkingBrake(s.ParkingBrake);
        var cruise = b.InitCruiseState();
        cruise.SetEnabled(s.CruiseEnabled);
        cruise.SetAvailable(s.CruiseAvailable);
        cruise.SetSpeed((float)s.CruiseSpeed);
        cruise.SetSpeedCluster((float)s.CruiseSpeedCluster);
        cruise.SetStandstill(s.CruiseStandstill);
        cruise.SetNonAdaptive(s.CruiseNonAdaptive);
        b.SetGearShifter((EventCarState.GearShifter)(ushort)s.GearShifter);   // Gear mirrors the schema's ordinals
        b.SetLeftBlinker(s.LeftBlinker);
        b.SetRightBlinker(s.RightBlinker);
        b.SetLeftBlindspot(s.LeftBlindspot);
        b.SetRightBlindspot(s.RightBlindspot);
        b.SetDoorOpen(s.DoorOpen);
        b.SetSeatbeltUnlatched(s.SeatbeltUnlatched);
        b.SetEspDisabled(s.EspDisabled);
        b.SetAccFaulted(s.AccFaulted);
        b.SetStockAeb(s.StockAeb);
        b.SetStockFcw(s.StockFcw);
        b.SetCanValid(s.CanValid);
        b.SetCanTimeout(s.CanTimeout);
        b.SetCanErrorCounter(s.CanErrorCounter);
        var events = b.InitButtonEvents(s.ButtonEvents.Count);
        for (int i = 0; i < s.ButtonEvents.Count; i++)
        {
            events[i].SetPressed(s.ButtonEvents[i].Pressed);
            events[i].SetType((EventCarState.ButtonEvent.Type)(ushort)s.ButtonEvents[i].Type);   // ButtonType mirrors the ordinals
        }
    }
}
