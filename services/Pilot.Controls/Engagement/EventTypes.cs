namespace Pilot.Controls.Engagement;

/// <summary>
/// What an event asks of the engagement state machine (openpilot's ET). An event carries one or more of these, each
/// with its own alert; the state machine only ever looks at the union of the types present.
/// </summary>
[Flags]
public enum EventTypes
{
    None = 0,
    Enable = 1 << 0,                 // the driver asks to engage
    PreEnable = 1 << 1,              // engage, but wait in preEnabled while this holds
    NoEntry = 1 << 2,                // engaging is refused while this holds
    Warning = 1 << 3,                // an alert while engaged, no state change
    UserDisable = 1 << 4,            // the driver disengages (brake, cancel)
    SoftDisable = 1 << 5,            // disengage after 3 s unless it clears
    ImmediateDisable = 1 << 6,       // disengage now
    OverrideLateral = 1 << 7,        // the driver steers: engaged, driver has the wheel
    OverrideLongitudinal = 1 << 8,   // the driver presses the accelerator: engaged, driver has the pedals
    Permanent = 1 << 9,              // an alert shown in any state
}

public static class EventTypeNames
{
    public const int Count = 10;   // number of single types in EventTypes

    /// <summary>The single types in bit order.</summary>
    public static readonly EventTypes[] All = Enumerable.Range(0, Count).Select(i => (EventTypes)(1 << i)).ToArray();

    /// <summary>openpilot's spelling of a single type, as it appears in alertType ("pedalPressed/userDisable").</summary>
    public static string Name(EventTypes type) => type switch
    {
        EventTypes.Enable => "enable",
        EventTypes.PreEnable => "preEnable",
        EventTypes.NoEntry => "noEntry",
        EventTypes.Warning => "warning",
        EventTypes.UserDisable => "userDisable",
        EventTypes.SoftDisable => "softDisable",
        EventTypes.ImmediateDisable => "immediateDisable",
        EventTypes.OverrideLateral => "overrideLateral",
        EventTypes.OverrideLongitudinal => "overrideLongitudinal",
        EventTypes.Permanent => "permanent",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a single event type"),
    };

    /// <summary>Bit index of a single type (0..Count-1).</summary>
    public static int Index(EventTypes type) => System.Numerics.BitOperations.TrailingZeroCount((int)type);
}
