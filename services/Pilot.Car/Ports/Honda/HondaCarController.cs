using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Common;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Honda;

/// <summary>
/// Encodes CarControl into the Civic's command frames as openpilot's honda carcontroller.py does for Nidec cars:
/// STEERING_CONTROL every cycle (100 Hz), BRAKE_COMMAND every 2nd (50 Hz), ACC_HUD and LKAS_HUD every 10th (10 Hz).
/// Each frame's COUNTER and CHECKSUM come from the packer.
/// </summary>
public sealed class HondaCarController
{
    private const double MsToKph = 3.6;
    private const int NoCruiseSpeed = 255;          // ACC_HUD CRUISE_SPEED: "no speed"
    private const int BrakeEvery = 2, HudEvery = 10; // frames between BRAKE_COMMAND and between HUD messages

    private readonly FrameBuilder _steer, _brake, _accHud, _lkasHud;
    private readonly int _steerTorque, _steerRequest;
    private readonly int _computerBrake, _pump, _cruiseOverride, _cancel, _brakeRequest, _setMe1, _brakeLights, _fcw;
    private readonly int _pcmSpeed, _pcmGas, _cruiseSpeed, _miniCar, _hudDistance, _hudLead, _setMeX01, _setMeX01_2;
    private readonly int _lkasReady, _lkasStateChange, _steeringRequired, _solidLanes;
    private readonly NidecLongitudinal _longitudinal = new(HondaCarState.CycleSeconds);
    private readonly int _bus;
    private long _frame;
    private int _lastTorque;   // STEER_TORQUE of the previous frame, EPS units

    public HondaCarController(DbcDatabase powertrain, int bus = HondaCivic.PowertrainBus)
    {
        _bus = bus;
        var packer = new CanPacker(powertrain);
        _steer = new FrameBuilder(packer, "STEERING_CONTROL");
        _steerTorque = _steer.Slot("STEER_TORQUE");
        _steerRequest = _steer.Slot("STEER_TORQUE_REQUEST");
        _brake = new FrameBuilder(packer, "BRAKE_COMMAND");
        _computerBrake = _brake.Slot("COMPUTER_BRAKE");
        _pump = _brake.Slot("BRAKE_PUMP_REQUEST");
        _cruiseOverride = _brake.Slot("CRUISE_OVERRIDE");
        _cancel = _brake.Slot("CRUISE_CANCEL_CMD");
        _brakeRequest = _brake.Slot("COMPUTER_BRAKE_REQUEST");
        _setMe1 = _brake.Slot("SET_ME_1");
        _brakeLights = _brake.Slot("BRAKE_LIGHTS");
        _fcw = _brake.Slot("FCW");
        _accHud = new FrameBuilder(packer, "ACC_HUD");
        _pcmSpeed = _accHud.Slot("PCM_SPEED");
        _pcmGas = _accHud.Slot("PCM_GAS");
        _cruiseSpeed = _accHud.Slot("CRUISE_SPEED");
        _miniCar = _accHud.Slot("ENABLE_MINI_CAR");
        _hudDistance = _accHud.Slot("HUD_DISTANCE");
        _hudLead = _accHud.Slot("HUD_LEAD");
        _setMeX01 = _accHud.Slot("SET_ME_X01");
        _setMeX01_2 = _accHud.Slot("SET_ME_X01_2");
        _lkasHud = new FrameBuilder(packer, "LKAS_HUD");
        _lkasReady = _lkasHud.Slot("LKAS_READY");
        _lkasStateChange = _lkasHud.Slot("LKAS_STATE_CHANGE");
        _steeringRequired = _lkasHud.Slot("STEERING_REQUIRED");
        _solidLanes = _lkasHud.Slot("SOLID_LANES");
    }

    /// <summary>Encodes one cycle of <paramref name="c"/> given the car's current state <paramref name="s"/>.</summary>
    public void Apply(in CarControlData c, CarStateData s, List<CanFrame> output)
    {
        var limits = HondaCivic.TorqueLimits;
        // The EPS takes torque positive to the right (its STEER_TORQUE_SENSOR and STEER_ANGLE carry factor −1 in the
        // DBC), so the left-positive request is negated, as is the driver torque it is limited against.
        double desired = c.LatActive ? -c.Torque * limits.Max : 0;
        int torque = TorqueLimiter.Apply(desired, _lastTorque, -s.SteeringTorque, limits);
        if (!c.LatActive) torque = 0;
        _lastTorque = torque;
        output.Add(_steer.Set(_steerTorque, torque).Set(_steerRequest, c.LatActive).Build(_bus));

        double accel = c.LongActive ? c.Accel : 0;
        var (gas, brake) = c.LongActive ? NidecLongitudinal.GasBrake(accel, s.VEgo) : (0.0, 0.0);
        _longitudinal.Step(brake);
        bool fcw = c.VisualAlert == VisualAlert.Fcw;
        if (_frame % BrakeEvery == 0)
        {
            var (applyBrake, pump) = _longitudinal.BrakeCommand(s.VEgo, _frame * HondaCarState.CycleSeconds);
            output.Add(_brake.Set(_computerBrake, applyBrake).Set(_pump, pump).Set(_cruiseOverride, true)
                .Set(_cancel, c.CruiseCancel).Set(_brakeRequest, applyBrake > 0).Set(_setMe1, true)
                .Set(_brakeLights, applyBrake > 0).Set(_fcw, fcw ? 2 : 0).Build(_bus));
        }
        if (_frame % HudEvery == 0)
        {
            var (pcmSpeed, pcmGas) = NidecLongitudinal.PcmTarget(c.LongActive, accel, gas, brake, s.VEgo);
            double cruise = c.SpeedVisible ? Math.Round(c.SetSpeed * MsToKph) : NoCruiseSpeed;
            int lead = c.Enabled ? (c.LeadVisible ? 2 : 1) : 0;   // HUD_LEAD: solid car, dashed car, none
            output.Add(_accHud.Set(_pcmSpeed, pcmSpeed * MsToKph).Set(_pcmGas, pcmGas).Set(_cruiseSpeed, cruise)
                .Set(_miniCar, c.Enabled).Set(_hudDistance, (c.LeadDistanceBars + 1) % 4).Set(_hudLead, lead)
                .Set(_setMeX01, true).Set(_setMeX01_2, true).Build(_bus));
            bool steerRequired = c.VisualAlert is VisualAlert.SteerRequired or VisualAlert.Ldw;
            // openpilot sends byte 0 as 0x41: the camera's ready and state-change bits, always set.
            output.Add(_lkasHud.Set(_lkasReady, true).Set(_lkasStateChange, true).Set(_steeringRequired, steerRequired)
                .Set(_solidLanes, c.LanesVisible).Build(_bus));
        }
        _frame++;
    }
}
