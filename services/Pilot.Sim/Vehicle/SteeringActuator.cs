namespace Pilot.Sim.Vehicle;

/// <summary>
/// The electric power steering with the driver's hands: the EPS motor torque (normalised, ±1 = full authority) and the
/// driver's torque (N·m at the wheel) push the steering wheel toward the angle where they balance the tyres'
/// self-aligning torque. That moment grows with lateral acceleration, so a given torque buys a given lateral
/// acceleration and the angle per torque falls with speed² (why torque controllers feed forward on v²). The wheel
/// follows that angle with a first-order lag and a rate limit, as a real rack does.
/// </summary>
public sealed class SteeringActuator(VehicleParams p)
{
    /// <summary>Lateral acceleration full EPS torque holds against the aligning moment, m/s².</summary>
    public const double FullTorqueLatAccel = 4.0;   // above the 3 m/s² lateral limit, so control keeps some margin
    /// <summary>Driver torque equal to full EPS torque, N·m at the steering wheel.</summary>
    public const double DriverTorqueForFull = 3.0;  // the EPS assists a 3 N·m hand to the motor's full output
    /// <summary>First-order time constant of the wheel following its balance angle, s.</summary>
    public const double LagS = 0.1;
    /// <summary>Fastest steering-wheel motion, rad/s (≈ 400 °/s, a brisk hand-over-hand turn).</summary>
    public const double MaxRateRadPerS = 400 * Math.PI / 180;
    /// <summary>Steering-wheel lock, rad (≈ 1.4 turns to each side).</summary>
    public const double LockRad = 500 * Math.PI / 180;
    /// <summary>Speed floor (m/s) of the torque-to-angle gain: below it the gain stops growing (parking effort).</summary>
    public const double GainFloorMps = 5.0;

    /// <summary>Steering-wheel angle, rad, positive left.</summary>
    public double Angle { get; private set; }
    /// <summary>Steering-wheel rate over the last step, rad/s, positive left.</summary>
    public double Rate { get; private set; }

    public double RoadWheelAngle => Angle / p.SteerRatio;

    public void Reset(double angle = 0)
    {
        Angle = angle;
        Rate = 0;
    }

    /// <summary>The steering-wheel angle (rad) where torques balance at <paramref name="speed"/> m/s.</summary>
    public double BalanceAngle(double epsTorque, double driverTorqueNm, double speed)
    {
        double torque = Math.Clamp(epsTorque, -1, 1) + driverTorqueNm / DriverTorqueForFull;  // full-EPS units
        double u = Math.Max(speed, GainFloorMps);
        double roadWheel = torque * FullTorqueLatAccel * p.WheelbaseM * (1 + p.UndersteerGradient * u * u) / (u * u);
        return Math.Clamp(roadWheel * p.SteerRatio, -LockRad, LockRad);
    }

    public void Step(double dt, double epsTorque, double driverTorqueNm, double speed)
    {
        double target = BalanceAngle(epsTorque, driverTorqueNm, speed);
        // Exact discretisation of the first-order lag, then the rate limit on the resulting move.
        double move = (target - Angle) * (1 - Math.Exp(-dt / LagS));
        move = Math.Clamp(move, -MaxRateRadPerS * dt, MaxRateRadPerS * dt);
        Angle += move;
        Rate = dt > 0 ? move / dt : 0;
    }
}
