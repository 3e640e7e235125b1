namespace Pilot.Planning.Tracking;

/// <summary>
/// The plain Kalman filter <see cref="LeadKalman"/> is the steady state of: the same model and noise, with the
/// covariance propagated every step and the gain recomputed from it. For tests.
/// </summary>
public sealed class LeadKalmanReference(double periodS, double speed, double accel = 0)
{
    private double _p00 = 1, _p01, _p11 = 1;   // covariance, (m/s)², m²/s³, (m/s²)²

    public double Speed { get; private set; } = speed;
    public double Accel { get; private set; } = accel;

    public void Update(double measuredSpeed)
    {
        double dt = periodS;
        double v = Speed + dt * Accel;
        double a00 = _p00 + 2 * dt * _p01 + dt * dt * _p11 + LeadKalman.ProcessNoiseSpeed;
        double a01 = _p01 + dt * _p11, a11 = _p11 + LeadKalman.ProcessNoiseAccel;
        double s = a00 + LeadKalman.MeasurementNoise;
        double k0 = a00 / s, k1 = a01 / s;
        double innovation = measuredSpeed - v;
        Speed = v + k0 * innovation;
        Accel += k1 * innovation;
        _p00 = (1 - k0) * a00;
        _p01 = (1 - k0) * a01;
        _p11 = a11 - k1 * a01;
    }
}
