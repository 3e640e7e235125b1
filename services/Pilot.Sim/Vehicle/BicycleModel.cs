namespace Pilot.Sim.Vehicle;

/// <summary>
/// Lateral dynamics of a car as a linear dynamic bicycle model (two axles, linear tyres), blended into the kinematic
/// model at low speed, where the dynamic model's tyre slip terms divide by the speed and make standstill stiff and
/// unstable. State and inputs are left-positive (log.capnp convention).
/// </summary>
public sealed class BicycleModel(VehicleParams p)
{
    /// <summary>Below this speed (m/s) the model is purely kinematic.</summary>
    public const double KinematicBelowMps = 2.0;
    /// <summary>Above this speed (m/s) the model is purely dynamic; in between the two are blended linearly.</summary>
    public const double DynamicAboveMps = 5.0;
    /// <summary>Longest integration step, s: explicit Euler is stable while step × (cF+cR)/(m·u) stays well below 2.</summary>
    public const double MaxSubstepS = 0.002;

    /// <summary>Lateral velocity of the centre of mass in the car frame, m/s, positive left.</summary>
    public double LateralVelocity { get; private set; }
    /// <summary>Yaw rate, rad/s, positive left (counter-clockwise from above).</summary>
    public double YawRate { get; private set; }

    public void Reset()
    {
        LateralVelocity = 0;
        YawRate = 0;
    }

    /// <summary>Advances <paramref name="dt"/> s at speed <paramref name="speed"/> (m/s) with road-wheel angle <paramref name="roadWheelAngle"/> (rad, left).</summary>
    public void Step(double dt, double speed, double roadWheelAngle)
    {
        int n = Math.Max(1, (int)Math.Ceiling(dt / MaxSubstepS));
        double h = dt / n;
        double w = Math.Clamp((speed - KinematicBelowMps) / (DynamicAboveMps - KinematicBelowMps), 0, 1);
        var (vKin, rKin) = Kinematic(speed, roadWheelAngle);
        for (int i = 0; i < n; i++)
        {
            double v = vKin, r = rKin;
            if (w > 0)
            {
                var (dv, dr) = Derivatives(speed, roadWheelAngle, LateralVelocity, YawRate);
                v = LateralVelocity + h * dv;
                r = YawRate + h * dr;
            }
            LateralVelocity = w * v + (1 - w) * vKin;
            YawRate = w * r + (1 - w) * rKin;
        }
    }

    /// <summary>Time derivatives of (lateral velocity, yaw rate) of the dynamic model at speed u &gt; 0.</summary>
    public (double DvDt, double DrDt) Derivatives(double u, double delta, double v, double r)
    {
        double frontSlip = delta - (v + p.CenterToFrontM * r) / u;   // rad
        double rearSlip = -(v - p.CenterToRearM * r) / u;            // rad
        double front = p.FrontStiffnessNPerRad * frontSlip;          // N, lateral tyre force
        double rear = p.RearStiffnessNPerRad * rearSlip;             // N
        return ((front + rear) / p.MassKg - u * r, (p.CenterToFrontM * front - p.CenterToRearM * rear) / p.YawInertiaKgM2);
    }

    /// <summary>Kinematic bicycle (no tyre slip): the rear axle rolls where it points; β is the slip angle at the centre of mass.</summary>
    public (double V, double R) Kinematic(double u, double delta)
    {
        double beta = Math.Atan(p.CenterToRearM * Math.Tan(delta) / p.WheelbaseM);
        return (u * Math.Tan(beta), u * Math.Cos(beta) * Math.Tan(delta) / p.WheelbaseM);
    }

    /// <summary>Steady-state yaw rate of the linear model (rad/s) for a constant road-wheel angle: u·δ / (L·(1 + K·u²)).</summary>
    public double SteadyStateYawRate(double u, double delta) => u * delta / (p.WheelbaseM * (1 + p.UndersteerGradient * u * u));
}
