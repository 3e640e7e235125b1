namespace Pilot.Sim.Vehicle;

/// <summary>What acts on the ego car during one step.</summary>
/// <param name="EpsTorque">EPS motor torque command, normalised −1..1, positive left (0 when the EPS is not commanded).</param>
/// <param name="DriverTorqueNm">Driver's hands on the wheel, N·m, positive left.</param>
/// <param name="AccelCommand">Commanded net acceleration, m/s², or null when no system commands it.</param>
/// <param name="GasPedal">Driver's accelerator, 0..1.</param>
/// <param name="BrakePedal">Driver's brake, 0..1.</param>
public readonly record struct VehicleInputs(double EpsTorque, double DriverTorqueNm, double? AccelCommand, double GasPedal, double BrakePedal);

/// <summary>
/// The ego car: steering, lateral and longitudinal dynamics, and its pose relative to the road in Frenet
/// coordinates (distance along the road's reference line, lateral offset from it, heading relative to it), which
/// is what lane keeping, rendering and ground truth need, without the drift of integrating world coordinates.
/// </summary>
public sealed class EgoVehicle
{
    private readonly BicycleModel _lateral;

    public EgoVehicle(VehicleParams parameters)
    {
        Params = parameters;
        _lateral = new BicycleModel(parameters);
        Steering = new SteeringActuator(parameters);
        Longitudinal = new Longitudinal(parameters);
    }

    public VehicleParams Params { get; }
    public SteeringActuator Steering { get; }
    public Longitudinal Longitudinal { get; }

    /// <summary>Distance of the centre of mass along the road's reference line, m.</summary>
    public double S { get; private set; }
    /// <summary>Centre of mass to the reference line, m, positive left.</summary>
    public double Offset { get; private set; }
    /// <summary>Car heading minus the reference line's heading, rad, positive left.</summary>
    public double HeadingError { get; private set; }

    public double Speed => Longitudinal.Speed;
    public double YawRate => _lateral.YawRate;
    public double LateralVelocity => _lateral.LateralVelocity;

    public void Reset(double s, double offset, double speed)
    {
        S = s;
        Offset = offset;
        HeadingError = 0;
        _lateral.Reset();
        Steering.Reset();
        Longitudinal.Reset(speed);
    }

    /// <summary>Advances <paramref name="dt"/> s on a road whose reference line has curvature <paramref name="roadCurvature"/> (1/m, left) here.</summary>
    public void Step(double dt, in VehicleInputs inputs, double roadCurvature)
    {
        Steering.Step(dt, inputs.EpsTorque, inputs.DriverTorqueNm, Speed);
        Longitudinal.Step(dt, inputs.AccelCommand, inputs.GasPedal, inputs.BrakePedal);
        double u = Speed;
        _lateral.Step(dt, u, Steering.RoadWheelAngle);
        double v = _lateral.LateralVelocity, r = _lateral.YawRate;
        // Midpoint (second-order) integration of the pose: Euler's first-order error builds up along a curve.
        var k1 = PoseRates(u, v, r, Offset, HeadingError, roadCurvature);
        var k2 = PoseRates(u, v, r, Offset + 0.5 * dt * k1.DDot, HeadingError + 0.5 * dt * k1.PsiDot, roadCurvature);
        S += dt * k2.SDot;
        Offset += dt * k2.DDot;
        HeadingError += dt * k2.PsiDot;
    }

    /// <summary>Frenet kinematics of a body moving at (u, v) in its own frame with yaw rate r.</summary>
    private static (double SDot, double DDot, double PsiDot) PoseRates(double u, double v, double r, double offset, double heading, double curvature)
    {
        double cos = Math.Cos(heading), sin = Math.Sin(heading);
        double sDot = (u * cos - v * sin) / (1 - offset * curvature);
        return (sDot, u * sin + v * cos, r - curvature * sDot);
    }
}
