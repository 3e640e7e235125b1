using Pilot.Sim.Driver;

namespace Pilot.Sim.Car;

/// <summary>A target the car's radar reports, in the car frame.</summary>
/// <param name="Id">Which object it is (stable while it stays in view).</param>
/// <param name="DRel">Front bumper to the target, m.</param>
/// <param name="YRel">Lateral position, m, positive left.</param>
/// <param name="VRel">Target speed minus ego speed, m/s.</param>
public readonly record struct RadarTarget(int Id, double DRel, double YRel, double VRel);

/// <summary>
/// What the car's sensors and ECUs know at one instant: the values its CAN messages carry. Filled by the world each
/// step and encoded by the car's CAN emulation. One instance, reused.
/// </summary>
public sealed class CarSnapshot
{
    public double SpeedMps { get; set; }
    public double AccelMps2 { get; set; }
    /// <summary>rad/s, positive left.</summary>
    public double YawRate { get; set; }
    /// <summary>Steering-wheel angle, degrees, positive left.</summary>
    public double SteeringAngleDeg { get; set; }
    /// <summary>Steering-wheel rate, degrees/s, positive left.</summary>
    public double SteeringRateDeg { get; set; }
    /// <summary>Driver's torque on the wheel, N·m, positive left.</summary>
    public double DriverTorqueNm { get; set; }
    /// <summary>EPS motor torque applied, normalised −1..1, positive left.</summary>
    public double EpsTorque { get; set; }
    /// <summary>The EPS is applying a host torque request.</summary>
    public bool SteerActive { get; set; }
    /// <summary>Driver's accelerator, 0..1.</summary>
    public double GasPedal { get; set; }
    /// <summary>Driver's brake, 0..1.</summary>
    public double BrakePedal { get; set; }
    /// <summary>The brakes are applied by the host's command (brake lights on).</summary>
    public bool ComputerBraking { get; set; }
    public CruiseButton Button { get; set; }
    public bool MainOn { get; set; }
    public bool CruiseEngaged { get; set; }
    public double SetSpeedMps { get; set; }
    /// <summary>Distance driven, m.</summary>
    public double OdometerM { get; set; }
    /// <summary>Radar targets, nearest first.</summary>
    public List<RadarTarget> RadarTargets { get; } = [];

    public bool BrakePressed => BrakePedal > 0;
    public bool GasPressed => GasPedal > 0;
    public bool Standstill => SpeedMps <= 0;
}
