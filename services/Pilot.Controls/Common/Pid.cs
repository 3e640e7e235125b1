namespace Pilot.Controls.Common;

/// <summary>
/// openpilot's PIDController: proportional and integral gains scheduled on speed, feed-forward added outside the gains,
/// output clipped to [<see cref="NegLimit"/>, <see cref="PosLimit"/>]. The integrator stops growing in the direction
/// the output is already clipped (anti-windup) and unwinds slowly while the driver overrides.
/// </summary>
public sealed class Pid(double[] kpSpeeds, double[] kpValues, double[] kiSpeeds, double[] kiValues, double rateHz)
{
    private readonly double _iRate = 1.0 / rateHz;         // s per step: the integrator integrates error·time
    private readonly double _iUnwindRate = 0.3 / rateHz;   // per step while overriding: 0.3 units/s back toward 0 (openpilot)

    public double PosLimit { get; set; } = double.MaxValue;
    public double NegLimit { get; set; } = double.MinValue;
    /// <summary>Terms of the last update, in output units.</summary>
    public double P { get; private set; }
    public double I { get; private set; }
    public double F { get; private set; }

    public void Reset()
    {
        P = 0;
        I = 0;
        F = 0;
    }

    /// <param name="error">setpoint minus measurement, in the units the gains expect</param>
    /// <param name="speed">vehicle speed the gains are scheduled on, m/s</param>
    /// <param name="feedforward">added to the output unscaled</param>
    /// <param name="freezeIntegrator">hold the integrator (driver steering, low speed)</param>
    /// <param name="overriding">unwind the integrator toward 0 instead of integrating</param>
    public double Update(double error, double speed, double feedforward = 0, bool freezeIntegrator = false, bool overriding = false)
    {
        P = error * Interp.At(speed, kpSpeeds, kpValues);
        F = feedforward;
        if (overriding)
            I -= _iUnwindRate * Math.Sign(I);
        else if (!freezeIntegrator)
        {
            double i = I + error * Interp.At(speed, kiSpeeds, kiValues) * _iRate;
            // Anti-windup: when the output would already clip, the integrator may only move back toward the range.
            double test = P + i + F;
            double upper = test > PosLimit ? I : PosLimit;
            double lower = test < NegLimit ? I : NegLimit;
            I = Math.Clamp(i, Math.Min(lower, upper), Math.Max(lower, upper));
        }
        return Math.Clamp(P + I + F, NegLimit, PosLimit);
    }
}
