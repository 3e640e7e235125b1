namespace Pilot.Sim.Driver;

/// <summary>What the driver does to the car at one instant.</summary>
/// <param name="Button">Cruise button held down.</param>
/// <param name="Brake">Brake pedal, 0..1.</param>
/// <param name="Gas">Accelerator pedal, 0..1.</param>
/// <param name="SteerTorqueNm">Torque on the steering wheel, N·m, positive left.</param>
public readonly record struct DriverInputs(CruiseButton Button, double Brake, double Gas, double SteerTorqueNm);

/// <summary>
/// The simulated driver: turns cruise main on and presses SET to engage at the start, nudges the set speed with
/// the accel/decel buttons to the scenario's, and then does what the scenario's script says, all through the
/// car's own controls (its buttons and pedals go out on the car's CAN like a real driver's). A first engagement that
/// is refused (the system not ready yet, its cruise cancelled) is tried again every <see cref="EngageRetryS"/>, as a
/// driver presses SET again; once engaged, a disengagement is left to the script.
/// </summary>
public sealed class DriverModel
{
    /// <summary>How long a button press is held, s: long enough for 25 Hz button frames to carry it twice.</summary>
    public const double ButtonHoldS = 0.2;
    /// <summary>When the driver turns main on, s after the start.</summary>
    public const double MainAtS = 0.5;
    /// <summary>When the driver presses SET, s after the start.</summary>
    public const double SetAtS = 1.0;
    /// <summary>How long the driver waits for a refused first engagement before pressing SET again, s.</summary>
    public const double EngageRetryS = 2.0;
    /// <summary>How long the cruise must stay on for the driver to take the engagement as accepted, s.</summary>
    public const double EngagedAfterS = 1.0;
    /// <summary>Time between set-speed nudges, s (button release plus a pause).</summary>
    public const double NudgeEveryS = 0.5;
    /// <summary>Set speed error the driver tolerates, m/s (half a km/h step).</summary>
    public const double SetSpeedToleranceMps = 0.5 / 3.6;

    private readonly DriverAction[] _script;
    private readonly double _setSpeedMps;
    private readonly bool _engage;
    private double _buttonUntil = double.NegativeInfinity, _nextNudge = SetAtS + 1;
    private CruiseButton _button;
    private int _next;
    private PressPedals? _pedals;
    private SteerWheel? _steer;
    private bool _mainPressed, _setPressed, _engagedOnce, _nudging = true;
    private double _setPressedAt;
    private double? _cruiseOnSince;

    /// <param name="script">Scripted actions.</param>
    /// <param name="setSpeedMps">The set speed the driver wants, m/s.</param>
    /// <param name="engage">Whether the driver engages at the start.</param>
    public DriverModel(IEnumerable<DriverAction> script, double setSpeedMps, bool engage = true)
    {
        _script = [.. script.OrderBy(a => a.AtS)];
        _setSpeedMps = setSpeedMps;
        _engage = engage;
    }

    public DriverInputs Inputs { get; private set; }

    /// <summary>Decides the inputs at scenario time <paramref name="time"/> given what the cruise control shows.</summary>
    public void Step(double time, bool mainOn, bool cruiseEngaged, double cruiseSetSpeedMps)
    {
        if (time >= _buttonUntil) _button = CruiseButton.None;
        // A refusal shows as the cruise engaging and being cancelled at once, so only a cruise that stays on counts.
        if (!cruiseEngaged) _cruiseOnSince = null;
        else if ((_cruiseOnSince ??= time) <= time - EngagedAfterS) _engagedOnce = true;
        if (_setPressed && !_engagedOnce && !cruiseEngaged && time >= _setPressedAt + EngageRetryS) _setPressed = false;   // refused: press again
        if (_engage && !_mainPressed && time >= MainAtS && !mainOn) Press(CruiseButton.Main, time, ButtonHoldS, ref _mainPressed);
        else if (_engage && !_setPressed && time >= SetAtS && mainOn)
        {
            Press(CruiseButton.DecelSet, time, ButtonHoldS, ref _setPressed);
            if (_setPressed) _setPressedAt = time;
        }
        while (_next < _script.Length && _script[_next].AtS <= time)
        {
            switch (_script[_next++])
            {
                case PressButton b:
                    _button = b.Button;
                    _buttonUntil = time + b.HoldS;
                    break;
                case PressPedals p:
                    _pedals = p;
                    _nudging = false;   // after the driver took over, the set speed is theirs
                    break;
                case SteerWheel s:
                    _steer = s;
                    break;
            }
        }
        if (_nudging && cruiseEngaged && _button == CruiseButton.None && time >= _nextNudge)
        {
            double error = _setSpeedMps - cruiseSetSpeedMps;
            if (Math.Abs(error) > SetSpeedToleranceMps)
            {
                _button = error > 0 ? CruiseButton.ResumeAccel : CruiseButton.DecelSet;
                _buttonUntil = time + ButtonHoldS;
            }
            _nextNudge = time + NudgeEveryS;
        }
        bool pedalsOn = _pedals is { } pp && time < pp.AtS + pp.DurationS;
        bool steerOn = _steer is { } ss && time < ss.AtS + ss.DurationS;
        Inputs = new DriverInputs(_button, pedalsOn ? _pedals!.Brake : 0, pedalsOn ? _pedals!.Gas : 0, steerOn ? _steer!.TorqueNm : 0);
    }

    private void Press(CruiseButton button, double time, double hold, ref bool done)
    {
        if (_button != CruiseButton.None) return;
        _button = button;
        _buttonUntil = time + hold;
        done = true;
    }
}
