using Pilot.Can.Packing;

namespace Pilot.Sim.Car.SimCar;

/// <summary>
/// Pilot's own simulated car (can/dbc/pilot_sim.dbc): a compact protocol with everything a car port needs and
/// nothing brand-specific. Motion and steering at 100 Hz, pedals and cruise at 50 Hz on bus 0, four radar track slots
/// (an object keeps its slot) at 20 Hz on bus 1; it obeys SIM_STEER_COMMAND (normalised torque with a request bit) and SIM_ACCEL_COMMAND (net
/// acceleration with an active bit). Every message has a Honda-style checksum and counter.
/// </summary>
public sealed class SimCarCan : ICarCan
{
    public const int Bus = 0;
    public const int RadarBus = 1;
    public const int RadarTracks = 4;
    private const int GearDrive = 3;   // SIM_MOTION GEAR "drive"

    private readonly FrameSchedule _schedule;
    private readonly CommandReceiver _commands;
    private readonly RadarSlots _slots = new(RadarTracks);

    public SimCarCan()
    {
        var db = DbcFiles.Load(DbcFiles.SimCar);
        _commands = new CommandReceiver(db, [("SIM_STEER_COMMAND", 100, 0.1), ("SIM_ACCEL_COMMAND", 100, 0.1)], Bus);
        _schedule = new FrameSchedule(db)
            .Add("SIM_MOTION", 100, Bus, (m, c) => m
                .Set("V_EGO", c.SpeedMps).Set("A_EGO", c.AccelMps2).Set("YAW_RATE", c.YawRate)
                .Set("STANDSTILL", c.Standstill).Set("GEAR", GearDrive))
            .Add("SIM_STEERING", 100, Bus, (m, c) => m
                .Set("STEER_ANGLE", c.SteeringAngleDeg).Set("STEER_RATE", c.SteeringRateDeg)
                .Set("DRIVER_TORQUE", c.DriverTorqueNm).Set("EPS_TORQUE", c.EpsTorque).Set("STEER_ACTIVE", c.SteerActive))
            .Add("SIM_PEDALS", 50, Bus, (m, c) => m
                .Set("GAS", c.GasPedal).Set("BRAKE", c.BrakePedal)
                .Set("GAS_PRESSED", c.GasPressed).Set("BRAKE_PRESSED", c.BrakePressed))
            .Add("SIM_CRUISE", 50, Bus, (m, c) => m
                .Set("BUTTONS", (int)c.Button).Set("MAIN_ON", c.MainOn).Set("CRUISE_ENGAGED", c.CruiseEngaged)
                .Set("SET_SPEED", c.SetSpeedMps));
        for (int i = 0; i < RadarTracks; i++)
        {
            int track = i;
            _schedule.Add($"SIM_TRACK_{i}", 20, RadarBus, (m, _) =>
            {
                if (_slots.Report(track) is not var (t, _)) return;     // VALID 0
                m.Set("D_REL", t.DRel).Set("Y_REL", t.YRel).Set("V_REL", t.VRel).Set("VALID", true);
            });
        }
    }

    public string Name => "sim";

    public CommandReceiver Commands => _commands;

    public void Receive(long nowNs, in CanFrame frame) => _commands.Receive(nowNs, frame);

    public CarActuation Actuation(long nowNs, CarSnapshot car)
    {
        double eps = 0;
        bool steer = false;
        if (_commands.Active("SIM_STEER_COMMAND", nowNs) is { } sc && sc["STEER_REQUEST"] != 0)
        {
            eps = Math.Clamp(sc["STEER_TORQUE"], -1, 1);
            steer = true;
        }
        double? accel = null;
        bool cancel = false;
        if (_commands.Active("SIM_ACCEL_COMMAND", nowNs) is { } ac)
        {
            cancel = ac["CANCEL"] != 0;
            if (ac["ACCEL_ACTIVE"] != 0) accel = ac["ACCEL"];
        }
        return new CarActuation(eps, steer, accel, 0, cancel);
    }

    public void Emit(long nowNs, CarSnapshot car, List<CanFrame> output)
    {
        _slots.Update(car.RadarTargets);
        _schedule.Emit(nowNs, car, output);
    }
}
