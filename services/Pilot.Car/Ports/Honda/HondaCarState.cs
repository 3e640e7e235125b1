using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Common;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Honda;

/// <summary>
/// Decodes the Civic's powertrain CAN into <see cref="CarStateData"/> as openpilot's honda carstate.py does for a
/// Nidec car with Pilot's longitudinal control. Health comes from the parser: Honda checksums and 2-bit counters on
/// every message, timeouts of 10 periods at the rates below.
/// </summary>
public sealed class HondaCarState
{
    /// <summary>Cycle time the speed filter assumes (card runs at the 100 Hz of the powertrain messages).</summary>
    public const double CycleSeconds = 0.01;

    private const double KphToMs = 1 / 3.6;
    private const double MphToMs = 0.44704;
    private const double NoCruiseSpeedKph = 160;   // CRUISE_SPEED_PCM pulses 254..255 while setting: keep the previous

    // openpilot get_can_messages for HONDA_CIVIC: message and the rate it is checked at (Hz; 0 = no timeout check).
    public static readonly IReadOnlyList<(string Name, double? Hz)> Messages =
    [
        ("ENGINE_DATA", 100), ("WHEEL_SPEEDS", 50), ("STEERING_SENSORS", 100), ("SEATBELT_STATUS", 10), ("CRUISE", 10),
        ("POWERTRAIN_DATA", 100), ("CAR_SPEED", 10), ("VSA_STATUS", 50), ("STEER_STATUS", 100), ("STEER_MOTOR_TORQUE", 0),
        ("SCM_FEEDBACK", 10), ("SCM_BUTTONS", 25), ("GEARBOX_CVT", 100), ("EPB_STATUS", 50), ("CRUISE_PARAMS", 50),
        ("DOORS_STATUS", 3), ("STANDSTILL", 50),
    ];

    // CRUISE_BUTTONS and CRUISE_SETTING values (DBC VAL_ of SCM_BUTTONS) and the buttons they are.
    private static readonly Dictionary<int, ButtonType> CruiseButtons = new()
    {
        [4] = ButtonType.AccelCruise, [3] = ButtonType.DecelCruise, [2] = ButtonType.Cancel, [1] = ButtonType.MainCruise,
    };
    private static readonly Dictionary<int, ButtonType> SettingButtons = new() { [3] = ButtonType.GapAdjust };

    // GEARBOX_CVT GEAR_SHIFTER values (DBC VAL_).
    private static readonly Dictionary<int, Gear> Gears = new()
    {
        [1] = Gear.Park, [2] = Gear.Reverse, [3] = Gear.Neutral, [4] = Gear.Drive, [7] = Gear.Low, [10] = Gear.Sport, [11] = Gear.Low,
    };

    // STEER_STATUS values (DBC VAL_): openpilot's fault sets. "Temporary" leaves out the lockout below the minimum
    // steering speed and the alert a bump or a nudge causes; "permanent" also leaves out the recoverable ones.
    private static readonly HashSet<int> NotTemporary = [0, 3, 4];      // normal, low_speed_lockout, no_torque_alert_2
    private static readonly HashSet<int> NotPermanent = [0, 2, 3, 4, 6]; // ... and no_torque_alert_1, tmp_fault

    private static readonly double[] SpeedBlendBp = [1, 6];     // m/s: below 1 trust the transmission speed, above 6 the wheels
    private static readonly double[] SpeedBlendV = [0, 1];

    private readonly CanParser _parser;
    private readonly SpeedFilter _speed = new(CycleSeconds);
    private readonly SignalRef _xmissionSpeed, _wheelFl, _wheelFr, _wheelRl, _wheelRr, _steerAngle, _steerRate;
    private readonly SignalRef _doorFl, _doorFr, _doorRl, _doorRr, _beltLamp, _beltLatched, _steerStatus, _espDisabled;
    private readonly SignalRef _roughSpeed, _imperial, _leftBlinker, _rightBlinker, _brakeHold, _epbState, _gear;
    private readonly SignalRef _pedalGas, _driverTorque, _motorTorque, _cruiseSpeed, _brakePressed, _brakeSwitch, _userBrake;
    private readonly SignalRef _accStatus, _mainOn, _controlledStandstill, _brakeError1, _brakeError2, _cruiseButtons, _cruiseSetting;
    private int _buttons, _setting;
    private bool _brakeSwitchPrev, _dashSpeedSeen;
    private double _cruiseSpeedPrev;   // m/s

    public HondaCarState(DbcDatabase powertrain, int bus = HondaCivic.PowertrainBus)
    {
        _parser = new CanParser(powertrain, Messages, bus);
        SignalRef S(string m, string s) => new(_parser, m, s);
        _xmissionSpeed = S("ENGINE_DATA", "XMISSION_SPEED");
        _wheelFl = S("WHEEL_SPEEDS", "WHEEL_SPEED_FL");
        _wheelFr = S("WHEEL_SPEEDS", "WHEEL_SPEED_FR");
        _wheelRl = S("WHEEL_SPEEDS", "WHEEL_SPEED_RL");
        _wheelRr = S("WHEEL_SPEEDS", "WHEEL_SPEED_RR");
        _steerAngle = S("STEERING_SENSORS", "STEER_ANGLE");
        _steerRate = S("STEERING_SENSORS", "STEER_ANGLE_RATE");
        _doorFl = S("DOORS_STATUS", "DOOR_OPEN_FL");
        _doorFr = S("DOORS_STATUS", "DOOR_OPEN_FR");
        _doorRl = S("DOORS_STATUS", "DOOR_OPEN_RL");
        _doorRr = S("DOORS_STATUS", "DOOR_OPEN_RR");
        _beltLamp = S("SEATBELT_STATUS", "SEATBELT_DRIVER_LAMP");
        _beltLatched = S("SEATBELT_STATUS", "SEATBELT_DRIVER_LATCHED");
        _steerStatus = S("STEER_STATUS", "STEER_STATUS");
        _espDisabled = S("VSA_STATUS", "ESP_DISABLED");
        _roughSpeed = S("CAR_SPEED", "ROUGH_CAR_SPEED_2");
        _imperial = S("CAR_SPEED", "IMPERIAL_UNIT");
        _leftBlinker = S("SCM_FEEDBACK", "LEFT_BLINKER");
        _rightBlinker = S("SCM_FEEDBACK", "RIGHT_BLINKER");
        _brakeHold = S("VSA_STATUS", "BRAKE_HOLD_ACTIVE");
        _epbState = S("EPB_STATUS", "EPB_STATE");
        _gear = S("GEARBOX_CVT", "GEAR_SHIFTER");
        _pedalGas = S("POWERTRAIN_DATA", "PEDAL_GAS");
        _driverTorque = S("STEER_STATUS", "STEER_TORQUE_SENSOR");
        _motorTorque = S("STEER_MOTOR_TORQUE", "MOTOR_TORQUE");
        _cruiseSpeed = S("CRUISE", "CRUISE_SPEED_PCM");
        _brakePressed = S("POWERTRAIN_DATA", "BRAKE_PRESSED");
        _brakeSwitch = S("POWERTRAIN_DATA", "BRAKE_SWITCH");
        _userBrake = S("VSA_STATUS", "USER_BRAKE");
        _accStatus = S("POWERTRAIN_DATA", "ACC_STATUS");
        _mainOn = S("SCM_FEEDBACK", "MAIN_ON");
        _controlledStandstill = S("STANDSTILL", "CONTROLLED_STANDSTILL");
        _brakeError1 = S("STANDSTILL", "BRAKE_ERROR_1");
        _brakeError2 = S("STANDSTILL", "BRAKE_ERROR_2");
        _cruiseButtons = S("SCM_BUTTONS", "CRUISE_BUTTONS");
        _cruiseSetting = S("SCM_BUTTONS", "CRUISE_SETTING");
    }

    /// <summary>The parser (message health, for diagnostics and tests).</summary>
    public CanParser Parser => _parser;

    /// <summary>Parses one cycle's frames and writes the decoded state into <paramref name="s"/>.</summary>
    public void Update(long nowNs, IReadOnlyList<CanFrame> frames, CarStateData s)
    {
        _parser.Update(nowNs, frames);
        s.ButtonEvents.Clear();
        int prevButtons = _buttons, prevSetting = _setting;
        _buttons = (int)_cruiseButtons.Value;
        _setting = (int)_cruiseSetting.Value;

        // The wheels-moving bit is noisy around zero; the transmission speed is exactly 0 when stopped.
        s.Standstill = _xmissionSpeed.Value < 1e-5;
        s.DoorOpen = _doorFl.IsSet || _doorFr.IsSet || _doorRl.IsSet || _doorRr.IsSet;
        s.SeatbeltUnlatched = _beltLamp.IsSet || !_beltLatched.IsSet;
        int steerStatus = (int)_steerStatus.Value;
        s.SteerFaultTemporary = !NotTemporary.Contains(steerStatus);
        s.SteerFaultPermanent = !NotPermanent.Contains(steerStatus);
        s.EspDisabled = _espDisabled.IsSet;

        s.WheelSpeedFl = _wheelFl.Value * KphToMs;
        s.WheelSpeedFr = _wheelFr.Value * KphToMs;
        s.WheelSpeedRl = _wheelRl.Value * KphToMs;
        s.WheelSpeedRr = _wheelRr.Value * KphToMs;
        double vWheel = (s.WheelSpeedFl + s.WheelSpeedFr + s.WheelSpeedRl + s.WheelSpeedRr) / 4;
        // The transmission speed is the more accurate one at low speed; blend to the wheels above it.
        double w = Interp.At(vWheel, SpeedBlendBp, SpeedBlendV);
        s.VEgoRaw = (1 - w) * _xmissionSpeed.Value * KphToMs + w * vWheel;
        (s.VEgo, s.AEgo) = _speed.Update(s.VEgoRaw);

        // Cars without a digital speedometer never send the cluster speed; keep 0 until it appears.
        _dashSpeedSeen |= _roughSpeed.Value > 1e-3;
        if (_dashSpeedSeen) s.VEgoCluster = _roughSpeed.Value * (_imperial.IsSet ? MphToMs : KphToMs);

        s.SteeringAngleDeg = _steerAngle.Value;
        s.SteeringRateDeg = _steerRate.Value;
        s.LeftBlinker = _leftBlinker.IsSet;
        s.RightBlinker = _rightBlinker.IsSet;
        s.BrakeHoldActive = _brakeHold.Value == 1;
        s.ParkingBrake = _epbState.Value != 0;
        s.GearShifter = Gears.TryGetValue((int)_gear.Value, out var gear) ? gear : Gear.Unknown;

        s.Gas = _pedalGas.Value / 255.0;   // PEDAL_GAS is 0..255 for the full pedal travel
        s.GasPressed = _pedalGas.Value > 1e-5;
        s.SteeringTorque = _driverTorque.Value;
        s.SteeringTorqueEps = _motorTorque.Value;
        s.SteeringPressed = Math.Abs(s.SteeringTorque) > HondaCivic.SteerThreshold;

        s.CruiseSpeed = _cruiseSpeed.Value > NoCruiseSpeedKph ? _cruiseSpeedPrev : _cruiseSpeed.Value * KphToMs;
        _cruiseSpeedPrev = s.CruiseSpeed;
        s.CruiseSpeedCluster = s.CruiseSpeed;

        // The brake switch shows single-sample noise: it counts only when on for two consecutive cycles.
        bool brakeSwitch = _brakeSwitch.IsSet;
        bool brakeSwitchActive = brakeSwitch && _brakeSwitchPrev;
        _brakeSwitchPrev = brakeSwitch;
        s.BrakePressed = _brakePressed.IsSet || brakeSwitchActive;
        s.Brake = _userBrake.Value;
        s.CruiseEnabled = _accStatus.IsSet;
        s.CruiseAvailable = _mainOn.IsSet;
        s.CruiseStandstill = _controlledStandstill.Value == 1;
        s.AccFaulted = _brakeError1.IsSet || _brakeError2.IsSet;

        ButtonEvents.Add(s.ButtonEvents, _buttons, prevButtons, CruiseButtons);
        ButtonEvents.Add(s.ButtonEvents, _setting, prevSetting, SettingButtons);

        CanHealth.Fill(_parser, s);
    }
}
