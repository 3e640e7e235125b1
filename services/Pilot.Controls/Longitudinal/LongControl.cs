using Pilot.Controls.Car;
using Pilot.Controls.Common;
using LongState = Pilot.Messaging.Events.CarControl.LongControlState;

namespace Pilot.Controls.Longitudinal;

/// <summary>What the longitudinal controller did in one step (controlsState).</summary>
public readonly record struct LongOutput(double Accel, LongState State, double P, double I, double F);

/// <summary>
/// openpilot's longcontrol.py: a state machine (off, pid, stopping, starting) around a PID on acceleration with the
/// plan's target as feed-forward. Stopping ramps the command down to stopAccel at stoppingDecelRate so the car comes to
/// a smooth halt and is held; starting applies a fixed acceleration until the car is moving.
/// </summary>
public sealed class LongControl
{
    public const double AccelMin = -3.5;   // m/s² (ARCHITECTURE.md)
    public const double AccelMax = 2.0;    // m/s²

    private readonly double _dt;
    private readonly double _startAccel;   // m/s² commanded while pulling away from a stop
    private Pid? _pid;
    private LongitudinalTuning? _tuning;
    private double _lastAccel;

    /// <param name="startAccel">acceleration while starting, m/s² (enough to overcome brake hold and creep)</param>
    public LongControl(double rateHz, double startAccel)
    {
        _dt = 1.0 / rateHz;
        _startAccel = startAccel;
        RateHz = rateHz;
    }

    public double RateHz { get; }
    public LongState State { get; private set; } = LongState.Off;

    /// <summary>The state transition of longcontrol.py: which controller mode applies this step.</summary>
    public static LongState Transition(LongState state, bool active, double vEgo, double vEgoStarting, bool shouldStop,
        bool brakePressed, bool cruiseStandstill)
    {
        if (!active) return LongState.Off;
        bool starting = !shouldStop && !cruiseStandstill && !brakePressed;
        bool started = vEgo > vEgoStarting;
        return state switch
        {
            LongState.Off => starting ? LongState.Starting : LongState.Stopping,
            LongState.Stopping => starting ? LongState.Starting : LongState.Stopping,
            _ when shouldStop => LongState.Stopping,
            LongState.Starting when started => LongState.Pid,
            _ => state,
        };
    }

    /// <param name="active">longitudinal control may actuate</param>
    /// <param name="aTarget">plan's acceleration target, m/s²</param>
    /// <param name="shouldStop">the plan ends stopped</param>
    public LongOutput Update(bool active, CarParameters cp, double vEgo, double aEgo, bool brakePressed, bool cruiseStandstill,
        double aTarget, bool shouldStop)
    {
        if (!ReferenceEquals(_tuning, cp.Longitudinal))
        {
            _tuning = cp.Longitudinal;
            _pid = new Pid(_tuning.KpSpeeds, _tuning.KpValues, _tuning.KiSpeeds, _tuning.KiValues, RateHz) { NegLimit = AccelMin, PosLimit = AccelMax };
        }
        var pid = _pid!;
        State = Transition(State, active, vEgo, cp.VEgoStarting, shouldStop, brakePressed, cruiseStandstill);
        double accel;
        switch (State)
        {
            case LongState.Off:
                pid.Reset();
                accel = 0;
                break;
            case LongState.Stopping:
                // Keep the last command and ramp it down to stopAccel: no step when the plan says stop.
                accel = _lastAccel;
                if (accel > cp.StopAccel)
                    accel = Math.Min(accel, 0) - cp.StoppingDecelRate * _dt;
                pid.Reset();
                break;
            case LongState.Starting:
                accel = _startAccel;
                pid.Reset();
                break;
            default:
                accel = pid.Update(aTarget - aEgo, vEgo, feedforward: aTarget);
                break;
        }
        _lastAccel = Math.Clamp(accel, AccelMin, AccelMax);
        return new LongOutput(_lastAccel, State, pid.P, pid.I, pid.F);
    }
}
