using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Common;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Sim;

/// <summary>Decodes the simulated car's bus 0 messages into <see cref="CarStateData"/> (checksums, counters, timeouts checked).</summary>
public sealed class SimCarState
{
    /// <summary>Driver torque (N·m) above which the driver is steering: the Civic port's 1200-unit threshold in the simulator's units.</summary>
    public const double SteerThresholdNm = 3.0;

    public const double CycleSeconds = 0.01;

    // Rates from the DBC's GenMsgCycleTime.
    public static readonly IReadOnlyList<(string Name, double? Hz)> Messages =
        [("SIM_MOTION", null), ("SIM_STEERING", null), ("SIM_PEDALS", null), ("SIM_CRUISE", null)];

    // SIM_CRUISE BUTTONS takes Honda's CRUISE_BUTTONS values.
    private static readonly Dictionary<int, ButtonType> CruiseButtons = new()
    {
        [4] = ButtonType.AccelCruise, [3] = ButtonType.DecelCruise, [2] = ButtonType.Cancel, [1] = ButtonType.MainCruise,
    };

    private static readonly Gear[] Gears = [Gear.Park, Gear.Reverse, Gear.Neutral, Gear.Drive];   // SIM_MOTION GEAR 0..3

    private readonly CanParser _parser;
    private readonly SpeedFilter _speed = new(CycleSeconds);
    private readonly SignalRef _vEgo, _yawRate, _standstill, _gear, _angle, _rate, _driverTorque, _epsTorque, _steerFault;
    private readonly SignalRef _gas, _brake, _gasPressed, _brakePressed, _buttons, _mainOn, _engaged, _setSpeed, _door, _belt;
    private int _button;

    public SimCarState(DbcDatabase db, int bus = SimCar.Bus)
    {
        _parser = new CanParser(db, Messages, bus);
        SignalRef S(string m, string s) => new(_parser, m, s);
        _vEgo = S("SIM_MOTION", "V_EGO");
        _yawRate = S("SIM_MOTION", "YAW_RATE");
        _standstill = S("SIM_MOTION", "STANDSTILL");
        _gear = S("SIM_MOTION", "GEAR");
        _angle = S("SIM_STEERING", "STEER_ANGLE");
        _rate = S("SIM_STEERING", "STEER_RATE");
        _driverTorque = S("SIM_STEERING", "DRIVER_TORQUE");
        _epsTorque = S("SIM_STEERING", "EPS_TORQUE");
        _steerFault = S("SIM_STEERING", "STEER_FAULT");
        _gas = S("SIM_PEDALS", "GAS");
        _brake = S("SIM_PEDALS", "BRAKE");
        _gasPressed = S("SIM_PEDALS", "GAS_PRESSED");
        _brakePressed = S("SIM_PEDALS", "BRAKE_PRESSED");
        _buttons = S("SIM_CRUISE", "BUTTONS");
        _mainOn = S("SIM_CRUISE", "MAIN_ON");
        _engaged = S("SIM_CRUISE", "CRUISE_ENGAGED");
        _setSpeed = S("SIM_CRUISE", "SET_SPEED");
        _door = S("SIM_CRUISE", "DOOR_OPEN");
        _belt = S("SIM_CRUISE", "SEATBELT_UNLATCHED");
    }

    public void Update(long nowNs, IReadOnlyList<CanFrame> frames, CarStateData s)
    {
        _parser.Update(nowNs, frames);
        s.ButtonEvents.Clear();
        s.VEgoRaw = _vEgo.Value;
        (s.VEgo, s.AEgo) = _speed.Update(s.VEgoRaw);
        s.VEgoCluster = s.VEgoRaw;
        s.WheelSpeedFl = s.WheelSpeedFr = s.WheelSpeedRl = s.WheelSpeedRr = s.VEgoRaw;
        s.YawRate = _yawRate.Value;
        s.Standstill = _standstill.IsSet;
        int gear = (int)_gear.Value;
        s.GearShifter = gear < Gears.Length ? Gears[gear] : Gear.Unknown;
        s.SteeringAngleDeg = _angle.Value;
        s.SteeringRateDeg = _rate.Value;
        s.SteeringTorque = _driverTorque.Value;
        s.SteeringTorqueEps = _epsTorque.Value;
        s.SteeringPressed = Math.Abs(s.SteeringTorque) > SteerThresholdNm;
        s.SteerFaultTemporary = _steerFault.IsSet;
        s.Gas = _gas.Value;
        s.Brake = _brake.Value;
        s.GasPressed = _gasPressed.IsSet;
        s.BrakePressed = _brakePressed.IsSet;
        s.CruiseAvailable = _mainOn.IsSet;
        s.CruiseEnabled = _engaged.IsSet;
        s.CruiseSpeed = s.CruiseSpeedCluster = _setSpeed.Value;
        s.DoorOpen = _door.IsSet;
        s.SeatbeltUnlatched = _belt.IsSet;
        int previous = _button;
        _button = (int)_buttons.Value;
        ButtonEvents.Add(s.ButtonEvents, _button, previous, CruiseButtons);
        CanHealth.Fill(_parser, s);
    }
}
