using Pilot.Bridge.Safety;

namespace Pilot.Car.Model;

/// <summary>How the platform was recognized (car.capnp CarParams.FingerprintSource).</summary>
public enum FingerprintSource
{
    Can,
    Fw,
    Fixed,
}

/// <summary>Torque-controller gains (car.capnp CarParams.TorqueTuning).</summary>
public sealed record TorqueTuning(double LatAccelFactor, double LatAccelOffset, double Friction, double Kp, double Ki);

/// <summary>Longitudinal PID gains scheduled on speed (car.capnp CarParams.LongitudinalTuning).</summary>
public sealed record LongitudinalTuning(double[] KpBreakpoints, double[] KpValues, double[] KiBreakpoints, double[] KiValues);

/// <summary>
/// The safety mode the CAN interface device must enforce for this car. <see cref="SafetyModel"/> is the wire value
/// of car.capnp CarParams.SafetyModel; <see cref="DeviceMode"/> is the bridge's own mode it stands for.
/// </summary>
public sealed record SafetyConfigData(ushort SafetyModel, ushort SafetyParam, SafetyMode DeviceMode);

/// <summary>A platform's fixed parameters (car.capnp CarParams), SI units.</summary>
public sealed record CarParamsData
{
    public required string Brand { get; init; }
    public required string CarFingerprint { get; init; }
    public FingerprintSource FingerprintSource { get; init; }
    public required double Mass { get; init; }                    // kg, curb mass + a standard passenger
    public required double Wheelbase { get; init; }               // m
    public required double CenterToFront { get; init; }           // m
    public required double SteerRatio { get; init; }              // steering wheel angle / road wheel angle
    public required double TireStiffnessFront { get; init; }      // N/rad
    public required double TireStiffnessRear { get; init; }       // N/rad
    public required double SteerActuatorDelay { get; init; }      // s
    public required double SteerLimitTimer { get; init; }         // s
    public required double MinEnableSpeed { get; init; }          // m/s, −1 = any
    public required double MinSteerSpeed { get; init; }           // m/s
    public required bool PilotLongitudinalControl { get; init; }
    public required bool RadarUnavailable { get; init; }
    public required IReadOnlyList<SafetyConfigData> SafetyConfigs { get; init; }
    public required double VEgoStopping { get; init; }            // m/s
    public required double VEgoStarting { get; init; }            // m/s
    public required double StopAccel { get; init; }               // m/s²
    public required double StoppingDecelRate { get; init; }       // m/s³
    public required double LongitudinalActuatorDelay { get; init; }  // s
    public required TorqueTuning LateralTuning { get; init; }
    public required LongitudinalTuning LongitudinalTuning { get; init; }
}
