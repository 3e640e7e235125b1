using Pilot.Sim.Driver;

namespace Pilot.Sim.Car;

/// <summary>
/// The car's own cruise state machine (the PCM's on a Nidec Honda), driven by the steering-wheel buttons as a
/// Honda's is: MAIN toggles availability; on release, SET engages at the current speed (or lowers the set speed by
/// one step while engaged), RES/ACCEL resumes the last set speed (or raises it one step); CANCEL, the brake pedal
/// and main off disengage. The set speed moves in 1 km/h steps, as on a metric car.
/// </summary>
public sealed class CruiseControl
{
    /// <summary>One set-speed step, m/s (1 km/h).</summary>
    public const double StepMps = 1 / 3.6;

    private CruiseButton _held;

    public bool MainOn { get; private set; }
    public bool Engaged { get; private set; }
    /// <summary>Set speed, m/s (0 until first set).</summary>
    public double SetSpeedMps { get; private set; }

    /// <summary>The host asked the car to cancel (Honda BRAKE_COMMAND CRUISE_CANCEL_CMD): disengage, keep main and the set speed.</summary>
    public void Cancel() => Engaged = false;

    /// <summary>Applies this instant's button, pedal and speed.</summary>
    public void Step(CruiseButton button, bool brakePressed, double speedMps)
    {
        if (brakePressed) Engaged = false;
        if (button == CruiseButton.None && _held != CruiseButton.None) Released(_held, brakePressed, speedMps);
        _held = button;
    }

    private void Released(CruiseButton button, bool brakePressed, double speedMps)
    {
        switch (button)
        {
            case CruiseButton.Main:
                MainOn = !MainOn;
                if (!MainOn) (Engaged, SetSpeedMps) = (false, 0);
                break;
            case CruiseButton.Cancel:
                Engaged = false;
                break;
            case CruiseButton.DecelSet when MainOn && !brakePressed:
                if (Engaged) SetSpeedMps = Math.Max(StepMps, SetSpeedMps - StepMps);
                else (Engaged, SetSpeedMps) = (true, Math.Round(speedMps / StepMps) * StepMps);
                break;
            case CruiseButton.ResumeAccel when MainOn && !brakePressed:
                if (Engaged) SetSpeedMps += StepMps;
                else if (SetSpeedMps > 0) Engaged = true;
                break;
        }
    }
}
