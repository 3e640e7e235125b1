using System.Collections.Immutable;
using State = Pilot.Messaging.Events.SelfdriveState.State;
using static Pilot.Controls.Engagement.EventTypes;

namespace Pilot.Controls.Engagement;

/// <summary>What the soft-disable countdown must be for a rule to apply.</summary>
public enum TimerCondition { Any, Running, Expired }

/// <summary>
/// One rule of the engagement state machine. It applies in any state of <see cref="From"/> when every type of
/// <see cref="RequireAll"/> is present, at least one of <see cref="RequireAny"/> (when not None), none of
/// <see cref="Forbid"/>, and the countdown matches <see cref="Timer"/>.
/// </summary>
public sealed record Transition(State[] From, EventTypes RequireAll, EventTypes RequireAny, EventTypes Forbid,
    TimerCondition Timer, State To, EventTypes Alerts, bool ArmsSoftDisable)
{
    public bool Matches(State state, EventTypes present, bool timerRunning) =>
        Array.IndexOf(From, state) >= 0
        && (present & RequireAll) == RequireAll
        && (RequireAny == None || (present & RequireAny) != 0)
        && (present & Forbid) == None
        && Timer switch { TimerCondition.Running => timerRunning, TimerCondition.Expired => !timerRunning, _ => true };
}

/// <summary>
/// openpilot's selfdrived state machine as an ordered rule table: the first rule that matches decides the next state
/// and the alert types shown. When no rule matches the state stays and nothing is shown, so engagement happens only
/// through the Enable rules, and those come after the rule that refuses on any NoEntry.
/// </summary>
public static class Transitions
{
    public const double SoftDisableTimeS = 3.0;   // ARCHITECTURE.md: the driver gets 3 s to take over

    private static readonly State[] Engaged = [State.PreEnabled, State.Enabled, State.SoftDisabling, State.Overriding];
    private const EventTypes Override = OverrideLateral | OverrideLongitudinal;

    public static readonly ImmutableArray<Transition> Rules =
    [
        // The driver and faults that must not wait win in every engaged state.
        new(Engaged, UserDisable, None, None, TimerCondition.Any, State.Disabled, UserDisable, false),
        new(Engaged, ImmediateDisable, None, None, TimerCondition.Any, State.Disabled, ImmediateDisable, false),

        new([State.Enabled], SoftDisable, None, None, TimerCondition.Any, State.SoftDisabling, SoftDisable, true),
        new([State.Enabled], None, Override, None, TimerCondition.Any, State.Overriding, Override, false),

        new([State.SoftDisabling], None, None, SoftDisable, TimerCondition.Any, State.Enabled, None, false),
        new([State.SoftDisabling], SoftDisable, None, None, TimerCondition.Running, State.SoftDisabling, SoftDisable, false),
        new([State.SoftDisabling], SoftDisable, None, None, TimerCondition.Expired, State.Disabled, None, false),

        new([State.PreEnabled], None, None, PreEnable, TimerCondition.Any, State.Enabled, None, false),
        new([State.PreEnabled], PreEnable, None, None, TimerCondition.Any, State.PreEnabled, PreEnable, false),

        new([State.Overriding], SoftDisable, None, None, TimerCondition.Any, State.SoftDisabling, SoftDisable, true),
        new([State.Overriding], None, None, Override, TimerCondition.Any, State.Enabled, None, false),
        new([State.Overriding], None, Override, None, TimerCondition.Any, State.Overriding, Override, false),

        // Engaging: any NoEntry refuses first; only then the ways in.
        new([State.Disabled], Enable | NoEntry, None, None, TimerCondition.Any, State.Disabled, NoEntry, false),
        new([State.Disabled], Enable | PreEnable, None, None, TimerCondition.Any, State.PreEnabled, Enable, false),
        new([State.Disabled], Enable, Override, None, TimerCondition.Any, State.Overriding, Enable, false),
        new([State.Disabled], Enable, None, None, TimerCondition.Any, State.Enabled, Enable, false),
    ];
}
