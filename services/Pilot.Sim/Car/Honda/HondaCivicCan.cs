using Pilot.Can.Packing;

namespace Pilot.Sim.Car.Honda;

/// <summary>
/// A 2016 Honda Civic with the Nidec radar, as its ECUs speak on CAN: the powertrain messages openpilot's Honda
/// carstate reads (bus 0, at their real rates, Honda checksums and counters) and the radar's tracks (bus 1). It obeys
/// STEERING_CONTROL (EPS), BRAKE_COMMAND (brakes) and ACC_HUD (the PCM's speed target and gas limit) as the car does.
/// </summary>
public sealed class HondaCivicCan : ICarCan
{
    public const int PowertrainBus = 0;
    public const int RadarBus = 1;

    /// <summary>STEER_TORQUE for full EPS authority (the STEERING_CONTROL range, and the safety model's maximum).</summary>
    public const double SteerTorqueMax = 3840;
    /// <summary>STEER_TORQUE_SENSOR units per N·m of driver torque: openpilot's 1200-unit steering threshold is 3 N·m.</summary>
    public const double SensorUnitsPerNm = 400;
    /// <summary>The EPS ignores torque requests below this speed, m/s (12 mph: STEER_STATUS low_speed_lockout).</summary>
    public const double SteerLockoutMps = 12 * 0.44704;
    /// <summary>COMPUTER_BRAKE for a brake of 1.0 (openpilot NIDEC_BRAKE_MAX, 1024 / 4).</summary>
    public const double BrakeUnitsFull = 256;
    /// <summary>Deceleration of a brake of 1.0, m/s² (openpilot compute_gb_honda_nidec's scale).</summary>
    public const double BrakeFullDecel = 4.8;
    /// <summary>PCM_GAS for full gas (openpilot NIDEC_GAS_MAX).</summary>
    public const double GasUnitsFull = 198;
    /// <summary>The PCM's speed tracking gain, 1/s: the gas limit decides, this only tapers near the speed target.</summary>
    public const double PcmSpeedGain = 1.0;
    /// <summary>Idle creep of the CVT in drive at standstill, m/s²: what openpilot's creep brake (0.15 × 4.8 m/s²) holds back.</summary>
    public const double CreepAccel = 0.72;
    /// <summary>Speed where the idle creep has faded out, m/s (openpilot's creep-brake speed).</summary>
    public const double CreepSpeedMps = 2.3;
    /// <summary>Radar tracks the Nidec radar reports (TRACK_0..TRACK_15).</summary>
    public const int RadarTracks = 16;
    /// <summary>LONG_DIST of an empty track: openpilot drops tracks at 255 m and beyond.</summary>
    public const double NoTrackDistance = 255.9;
    /// <summary>RADAR_STATE of a healthy radar (openpilot: anything else is a radar fault).</summary>
    public const int RadarStateOk = 0x79;

    private const double KphPerMps = 3.6;
    private const double MphPerMps = 1 / 0.44704;

    // The PCM's gas response as openpilot calibrated it on the car (PCM_GAS = accel / 1.44 / max accel × 198): gas
    // units buy this much acceleration, falling with speed.
    private static readonly double[] PcmAccelBp = [0.0, 4.0, 10.0, 20.0];   // m/s
    private static readonly double[] PcmAccelV = [0.5, 2.4, 1.4, 0.6];      // m/s² per unit gas / 1.44
    private const double PcmAccelScale = 1.44;

    private readonly FrameSchedule _powertrain;
    private readonly FrameSchedule _radar;
    private readonly CommandReceiver _commands;
    private readonly RadarSlots _slots = new(RadarTracks);

    public HondaCivicCan()
    {
        var pt = DbcFiles.Load(DbcFiles.HondaCivic);
        _commands = new CommandReceiver(pt, [("STEERING_CONTROL", 100, 0.1), ("BRAKE_COMMAND", 50, 0.2), ("ACC_HUD", 10, 0.3)], PowertrainBus);
        _powertrain = HondaMessages.Powertrain(new FrameSchedule(pt), PowertrainBus);
        _radar = HondaMessages.Radar(new FrameSchedule(DbcFiles.Load(DbcFiles.HondaNidecRadar)), RadarBus, _slots);
    }

    public string Name => "honda_civic";

    public CommandReceiver Commands => _commands;

    public void Receive(long nowNs, in CanFrame frame) => _commands.Receive(nowNs, frame);

    public CarActuation Actuation(long nowNs, CarSnapshot car)
    {
        double eps = 0;
        bool steer = false;
        if (_commands.Active("STEERING_CONTROL", nowNs) is { } sc && sc["STEER_TORQUE_REQUEST"] != 0 && car.SpeedMps >= SteerLockoutMps)
        {
            // The EPS takes torque positive to the right (openpilot negates its left-positive request).
            eps = Math.Clamp(-sc["STEER_TORQUE"] / SteerTorqueMax, -1, 1);
            steer = true;
        }
        double brakeDecel = 0;
        bool braking = false;
        bool cancel = false;
        if (_commands.Active("BRAKE_COMMAND", nowNs) is { } bc)
        {
            cancel = bc["CRUISE_CANCEL_CMD"] != 0;
            if (bc["COMPUTER_BRAKE_REQUEST"] != 0 && bc["COMPUTER_BRAKE"] > 0)
            {
                brakeDecel = bc["COMPUTER_BRAKE"] / BrakeUnitsFull * BrakeFullDecel;
                braking = true;
            }
        }
        // In drive the idling CVT creeps; the brakes (the host's or the driver's) hold it back.
        double creep = CreepAccel * Math.Max(0, 1 - car.SpeedMps / CreepSpeedMps);
        double? accel = creep > 0 ? creep : null;
        if (!braking && car.CruiseEngaged && _commands.Active("ACC_HUD", nowNs) is { } hud)
        {
            double targetMps = hud["PCM_SPEED"] / KphPerMps;
            double gasAccel = hud["PCM_GAS"] / GasUnitsFull * PcmAccelScale * Interp(car.SpeedMps, PcmAccelBp, PcmAccelV);
            double wanted = Math.Min(gasAccel, PcmSpeedGain * (targetMps - car.SpeedMps));
            if (wanted > 0) accel = creep + wanted;           // the PCM only adds gas; below its target it coasts
        }
        return new CarActuation(eps, steer, accel, brakeDecel, cancel);
    }

    public void Emit(long nowNs, CarSnapshot car, List<CanFrame> output)
    {
        _powertrain.Emit(nowNs, car, output);
        _slots.Update(car.RadarTargets);
        _radar.Emit(nowNs, car, output);
    }

    private static double Interp(double x, double[] bp, double[] v)
    {
        if (x <= bp[0]) return v[0];
        for (int i = 1; i < bp.Length; i++)
            if (x <= bp[i]) return v[i - 1] + (v[i] - v[i - 1]) * (x - bp[i - 1]) / (bp[i] - bp[i - 1]);
        return v[^1];
    }
}
