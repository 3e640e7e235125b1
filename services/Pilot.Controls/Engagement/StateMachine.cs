using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Controls.Engagement;

/// <summary>
/// Runs <see cref="Transitions.Rules"/> once per control step and keeps the soft-disable countdown. Permanent alerts
/// show in every state and warnings whenever actuating (openpilot's state.py).
/// </summary>
public sealed class StateMachine(double rateHz)
{
    private readonly int _softDisableFrames = (int)Math.Round(Transitions.SoftDisableTimeS * rateHz);
    private int _softDisableTimer;   // steps left before a soft disable disengages

    public State State { get; private set; } = State.Disabled;
    /// <summary>The alert types shown this step.</summary>
    public EventTypes AlertTypes { get; private set; } = EventTypes.Permanent;
    /// <summary>Engaged in any way (preEnabled, enabled, softDisabling, overriding).</summary>
    public bool Enabled => State != State.Disabled;
    /// <summary>Actuating (enabled, softDisabling, overriding).</summary>
    public bool Active => State is State.Enabled or State.SoftDisabling or State.Overriding;
    /// <summary>Steps left in the soft-disable countdown.</summary>
    public int SoftDisableTimer => _softDisableTimer;

    public void Update(EventTypes present)
    {
        // The countdown runs every step; entering softDisabling re-arms it.
        _softDisableTimer = Math.Max(0, _softDisableTimer - 1);
        var alerts = EventTypes.Permanent;
        foreach (var rule in Transitions.Rules)
        {
            if (!rule.Matches(State, present, _softDisableTimer > 0)) continue;
            State = rule.To;
            alerts |= rule.Alerts;
            if (rule.ArmsSoftDisable) _softDisableTimer = _softDisableFrames;
            break;
        }
        if (Active) alerts |= EventTypes.Warning;
        AlertTypes = alerts;
    }
}
