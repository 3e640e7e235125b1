namespace Pilot.Planning.Tracking;

/// <summary>
/// Steady-state Kalman filter on a lead's speed and acceleration (openpilot's KF1D): state [vLead m/s, aLead m/s²],
/// constant-acceleration model over one radar period, speed measured. The gain is the filter's fixed point for
/// openpilot's noise figures, computed once per period by <see cref="SteadyStateGain"/>; the time-varying filter it
/// converges to is <see cref="LeadKalmanReference"/>.
/// </summary>
public struct LeadKalman
{
    public const double ProcessNoiseSpeed = 10.0;    // Q₀₀, (m/s)², openpilot radar_helpers.py
    public const double ProcessNoiseAccel = 100.0;   // Q₁₁, (m/s²)², lets the acceleration follow a braking lead within ~1 s
    public const double MeasurementNoise = 1e3;      // R, (m/s)², radar speed is noisy relative to the 20 Hz update

    private readonly double _dt, _k0, _k1;   // period s; gain on speed (unitless) and on acceleration (1/s)

    public LeadKalman(double periodS, double speed, double accel = 0)
    {
        _dt = periodS;
        (_k0, _k1) = SteadyStateGain(periodS);
        Speed = speed;
        Accel = accel;
    }

    /// <summary>Estimated lead speed, m/s.</summary>
    public double Speed { get; private set; }
    /// <summary>Estimated lead acceleration, m/s².</summary>
    public double Accel { get; private set; }

    /// <summary>Advances one period and corrects with a measured lead speed, m/s.</summary>
    public void Update(double measuredSpeed)
    {
        double v = Speed + _dt * Accel;
        double innovation = measuredSpeed - v;
        Speed = v + _k0 * innovation;
        Accel += _k1 * innovation;
    }

    /// <summary>
    /// The filter gain [speed, accel] the Riccati recursion settles to for A = [[1, dt], [0, 1]], C = [1, 0] and the noise
    /// above. openpilot tabulates the predictor form A·K for 0.01..0.2 s; the tests compare with that table.
    /// </summary>
    public static (double Speed, double Accel) SteadyStateGain(double periodS)
    {
        if (!(periodS > 0 && periodS <= 1)) throw new ArgumentOutOfRangeException(nameof(periodS), periodS, "the radar period must be in (0, 1] s");
        double p00 = 1, p01 = 0, p11 = 1, k0 = 0, k1 = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double a00 = p00 + 2 * periodS * p01 + periodS * periodS * p11 + ProcessNoiseSpeed;
            double a01 = p01 + periodS * p11, a11 = p11 + ProcessNoiseAccel;
            double s = a00 + MeasurementNoise;
            double n0 = a00 / s, n1 = a01 / s;
            p00 = (1 - n0) * a00;
            p01 = (1 - n0) * a01;
            p11 = a11 - n1 * a01;
            bool settled = Math.Abs(n0 - k0) < 1e-15 && Math.Abs(n1 - k1) < 1e-15;
            (k0, k1) = (n0, n1);
            if (settled) break;
        }
        return (k0, k1);
    }
}
