using Pilot.Controls.Car;
using Pilot.Controls.Common;

namespace Pilot.Controls.Lateral;

/// <summary>What the torque controller did in one step (controlsState.lateral).</summary>
public readonly record struct LateralOutput(
    double Torque,              // normalized steering torque, -1..1, positive left
    double ErrorLatAccel,       // setpoint minus measurement, m/s²
    double P, double I, double F,   // normalized torque terms
    bool Saturated,             // at the limit for longer than steerLimitTimer
    bool Active);

/// <summary>
/// openpilot's latcontrol_torque: the car turns by lateral acceleration roughly proportional to steering torque, so the
/// feed-forward is the desired lateral acceleration over latAccelFactor plus a friction step in the direction of the
/// error, and a PID closes the loop on lateral acceleration (measured through the vehicle model from the steering angle).
/// At low speed a curvature term is added to both setpoint and measurement so that the loop keeps authority where v²
/// makes lateral acceleration vanish.
/// </summary>
public sealed class TorqueController
{
    public const double SteerMax = 1.0;                  // normalized torque limit (the brand's maximum)
    private const double FrictionThreshold = 0.3;        // m/s² of error over which friction compensation ramps in full
    private const double FreezeIntegratorBelow = 5.0;    // m/s: the vehicle model is poor when slow; do not integrate it
    private const double SaturationCheckMinSpeed = 10.0; // m/s: below this a saturated wheel is expected (parking turns)
    private static readonly double[] LowSpeedX = [0, 10, 20, 30];   // m/s
    private static readonly double[] LowSpeedY = [15, 13, 10, 5];   // m/s² per 1/m (squared before use)

    private readonly double _dt;
    private readonly Pid _pid;
    private readonly double[] _kpSpeeds = [0], _kp = [0], _kiSpeeds = [0], _ki = [0];
    private double _saturatedTime;   // s, rises while saturated, falls otherwise, within 0..steerLimitTimer

    public TorqueController(double rateHz)
    {
        _dt = 1.0 / rateHz;
        _pid = new Pid(_kpSpeeds, _kp, _kiSpeeds, _ki, rateHz) { PosLimit = SteerMax, NegLimit = -SteerMax };
    }

    public void Reset()
    {
        _pid.Reset();
        _saturatedTime = 0;
    }

    /// <param name="active">lateral control may actuate; when not, the output is 0 and the integrator resets</param>
    /// <param name="desiredCurvature">limited desired curvature, 1/m, positive left</param>
    /// <param name="actualCurvature">curvature the car drives now (vehicle model), 1/m</param>
    /// <param name="curvatureLimited">the desired curvature was cut by the lateral limits</param>
    public LateralOutput Update(bool active, CarParameters cp, double speed, bool steeringPressed,
        double desiredCurvature, double actualCurvature, bool curvatureLimited)
    {
        if (!active)
        {
            Reset();
            return default;
        }
        var tuning = cp.Lateral;
        _kp[0] = tuning.Kp;
        _ki[0] = tuning.Ki;
        double v2 = speed * speed;
        double desiredLatAccel = desiredCurvature * v2;
        double actualLatAccel = actualCurvature * v2;
        double lowSpeed = Interp.At(speed, LowSpeedX, LowSpeedY);
        double lowSpeedFactor = lowSpeed * lowSpeed;
        double setpoint = desiredLatAccel + lowSpeedFactor * desiredCurvature;
        double measurement = actualLatAccel + lowSpeedFactor * actualCurvature;
        double error = setpoint - measurement;
        double friction = Interp.At(desiredLatAccel - actualLatAccel, [-FrictionThreshold, FrictionThreshold], [-tuning.Friction, tuning.Friction]);
        double feedforward = (desiredLatAccel - tuning.LatAccelOffset) / tuning.LatAccelFactor + friction;
        bool freeze = steeringPressed || speed < FreezeIntegratorBelow;
        double torque = _pid.Update(error / tuning.LatAccelFactor, speed, feedforward, freeze);

        bool atLimit = SteerMax - Math.Abs(torque) < 1e-3;
        bool saturating = (atLimit || curvatureLimited) && speed > SaturationCheckMinSpeed && !steeringPressed;
        _saturatedTime = Math.Clamp(_saturatedTime + (saturating ? _dt : -_dt), 0, cp.SteerLimitTimerS);
        bool saturated = _saturatedTime > cp.SteerLimitTimerS - 1e-3;
        return new LateralOutput(torque, error, _pid.P, _pid.I, _pid.F, saturated, true);
    }
}
