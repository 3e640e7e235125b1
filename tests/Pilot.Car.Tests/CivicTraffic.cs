using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Ports;
using Pilot.Car.Ports.Honda;

namespace Pilot.Car.Tests;

/// <summary>
/// A Civic's powertrain traffic packed through the real DBC (counters and Honda checksums from the packer): every
/// message card reads, once per 10 ms cycle, carrying the state set in the fields.
/// </summary>
internal sealed class CivicTraffic
{
    public static readonly DbcDatabase Dbc = DbcFolder.Default.Load(HondaCivic.PowertrainDbc);

    private readonly CanPacker _packer = new(Dbc);

    public double SpeedKph;                 // transmission and all four wheels
    public double SteerAngleDeg;            // positive left (DBC physical)
    public double SteerRateDeg;
    public double DriverTorque;             // STEER_TORQUE_SENSOR physical, positive left
    public double MotorTorque;
    public int SteerStatus;
    public int CruiseButtons, CruiseSetting;
    public int Gear = 4;                    // D
    public bool MainOn = true, AccOn, BrakePressed, DoorOpen, EspDisabled;
    public bool BeltLatched = true;
    public double PedalGas;                 // 0..255
    public double CruiseSpeedKph = 255;     // 255 = none

    /// <summary>One cycle of every message card checks, in DBC order of the list.</summary>
    public List<CanFrame> Cycle()
    {
        var frames = new List<CanFrame>();
        foreach (var (name, _) in HondaCarState.Messages) frames.Add(_packer.Pack(name, Values(name)));
        return frames;
    }

    private Dictionary<string, double> Values(string message) => message switch
    {
        "ENGINE_DATA" => new() { ["XMISSION_SPEED"] = SpeedKph },
        "WHEEL_SPEEDS" => new() { ["WHEEL_SPEED_FL"] = SpeedKph, ["WHEEL_SPEED_FR"] = SpeedKph, ["WHEEL_SPEED_RL"] = SpeedKph, ["WHEEL_SPEED_RR"] = SpeedKph },
        "STEERING_SENSORS" => new() { ["STEER_ANGLE"] = SteerAngleDeg, ["STEER_ANGLE_RATE"] = SteerRateDeg },
        "SEATBELT_STATUS" => new() { ["SEATBELT_DRIVER_LATCHED"] = BeltLatched ? 1 : 0, ["SEATBELT_DRIVER_LAMP"] = BeltLatched ? 0 : 1 },
        "CRUISE" => new() { ["CRUISE_SPEED_PCM"] = CruiseSpeedKph },
        "POWERTRAIN_DATA" => new() { ["PEDAL_GAS"] = PedalGas, ["ACC_STATUS"] = AccOn ? 1 : 0, ["BRAKE_PRESSED"] = BrakePressed ? 1 : 0 },
        "CAR_SPEED" => new() { ["CAR_SPEED"] = SpeedKph },
        "VSA_STATUS" => new() { ["ESP_DISABLED"] = EspDisabled ? 1 : 0 },
        "STEER_STATUS" => new() { ["STEER_TORQUE_SENSOR"] = DriverTorque, ["STEER_STATUS"] = SteerStatus },
        "STEER_MOTOR_TORQUE" => new() { ["MOTOR_TORQUE"] = MotorTorque },
        "SCM_FEEDBACK" => new() { ["MAIN_ON"] = MainOn ? 1 : 0 },
        "SCM_BUTTONS" => new() { ["CRUISE_BUTTONS"] = CruiseButtons, ["CRUISE_SETTING"] = CruiseSetting },
        "GEARBOX_CVT" => new() { ["GEAR_SHIFTER"] = Gear },
        "DOORS_STATUS" => new() { ["DOOR_OPEN_FL"] = DoorOpen ? 1 : 0 },
        _ => new(),
    };
}
