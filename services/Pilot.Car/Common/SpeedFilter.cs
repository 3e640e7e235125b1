namespace Pilot.Car.Common;

/// <summary>
/// Filters the raw speed into vEgo and aEgo with a steady-state Kalman filter on a constant-acceleration model
/// (openpilot CarStateBase.update_speed_kf): state [v, a], measurement v. The gain is solved once from the noise
/// model, not copied as a constant, so a different cycle time gets its own gain.
/// </summary>
public sealed class SpeedFilter
{
    /// <summary>Process noise on acceleration, (m/s²)² per second (openpilot: Q = diag(0, 100), applied as dt·Q per step).</summary>
    public const double AccelNoise = 100.0;

    /// <summary>Speed measurement noise, (m/s)² (openpilot: R = 0.3).</summary>
    public const double SpeedNoise = 0.3;

    /// <summary>A raw speed further than this from the estimate (m/s) resets the filter: the car was moving at start.</summary>
    public const double ResetJump = 2.0;

    private readonly double _dt;       // s, the cycle time
    private double _v, _a;             // m/s, m/s²

    public SpeedFilter(double dtSeconds)
    {
        _dt = dtSeconds;
        (GainSpeed, GainAccel) = SteadyStateGain(dtSeconds);
    }

    /// <summary>Kalman gain for speed (unitless) and acceleration (1/s).</summary>
    public double GainSpeed { get; }
    public double GainAccel { get; }

    /// <summary>Feeds one raw speed (m/s); returns the filtered speed (m/s) and acceleration (m/s²).</summary>
    public (double V, double A) Update(double vRaw)
    {
        if (Math.Abs(vRaw - _v) > ResetJump)
        {
            _v = vRaw;
            _a = 0;
        }
        double vPred = _v + _dt * _a;   // predict with A = [[1, dt], [0, 1]]
        double innovation = vRaw - vPred;
        _v = vPred + GainSpeed * innovation;
        _a += GainAccel * innovation;
        return (_v, _a);
    }

    // Iterates the discrete Riccati equation to its fixed point (a few hundred steps for these noise levels).
    private static (double, double) SteadyStateGain(double dt)
    {
        double p00 = 1, p01 = 0, p11 = 1, k0 = 0, k1 = 0;
        for (int i = 0; i < 10_000; i++)
        {
            // P⁻ = A P Aᵀ + Q
            double q00 = p00 + 2 * dt * p01 + dt * dt * p11;
            double q01 = p01 + dt * p11;
            double q11 = p11 + AccelNoise * dt;
            double s = q00 + SpeedNoise;
            double n0 = q00 / s, n1 = q01 / s;
            // P = (I − K C) P⁻
            p00 = (1 - n0) * q00;
            p01 = (1 - n0) * q01;
            p11 = q11 - n1 * q01;
            if (Math.Abs(n0 - k0) < 1e-12 && Math.Abs(n1 - k1) < 1e-12) break;
            (k0, k1) = (n0, n1);
        }
        return (k0, k1);
    }
}
