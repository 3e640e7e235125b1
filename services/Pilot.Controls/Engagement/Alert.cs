using AlertSize = Pilot.Messaging.Events.SelfdriveState.AlertSize;
using AlertStatus = Pilot.Messaging.Events.SelfdriveState.AlertStatus;
using AudibleAlert = Pilot.Messaging.Events.CarControl.HudControl.AudibleAlert;
using VisualAlert = Pilot.Messaging.Events.CarControl.HudControl.VisualAlert;

namespace Pilot.Controls.Engagement;

/// <summary>Which alert wins when several are active (openpilot's Priority); ties go to the newest.</summary>
public enum AlertPriority { Lowest, Lower, Low, Mid, High, Highest }

/// <summary>
/// What the driver sees and hears for one event type of one event. <see cref="Text2"/> may hold "{detail}", filled with
/// the event's detail (the service or process it names).
/// </summary>
public sealed record Alert(string Text1, string Text2, AlertStatus Status, AlertSize Size, AlertPriority Priority,
    VisualAlert Visual, AudibleAlert Sound, double DurationS)
{
    public const string DetailSlot = "{detail}";
    private const string Unavailable = "Pilot Unavailable";
    private const string TakeControl = "TAKE CONTROL IMMEDIATELY";

    /// <summary>Engagement refused: shown 3 s so the driver reads why.</summary>
    public static Alert NoEntry(string reason, VisualAlert visual = VisualAlert.None) =>
        new(Unavailable, reason, AlertStatus.Normal, AlertSize.Mid, AlertPriority.Low, visual, AudibleAlert.Refuse, 3.0);

    /// <summary>Soft disable countdown: the driver has 3 s to take over.</summary>
    public static Alert SoftDisable(string reason) =>
        new(TakeControl, reason, AlertStatus.UserPrompt, AlertSize.Full, AlertPriority.Mid, VisualAlert.SteerRequired, AudibleAlert.WarningSoft, 2.0);

    /// <summary>Control withdrawn now: the most urgent alert.</summary>
    public static Alert ImmediateDisable(string reason) =>
        new(TakeControl, reason, AlertStatus.Critical, AlertSize.Full, AlertPriority.Highest, VisualAlert.SteerRequired, AudibleAlert.WarningImmediate, 4.0);

    /// <summary>A chime only (engage, disengage).</summary>
    public static Alert Engagement(AudibleAlert sound) =>
        new("", "", AlertStatus.Normal, AlertSize.None, AlertPriority.Mid, VisualAlert.None, sound, 0.2);

    /// <summary>A silent notice that stays while its event holds.</summary>
    public static Alert Permanent(string text1, string text2 = "", AlertPriority priority = AlertPriority.Lower) =>
        new(text1, text2, AlertStatus.Normal, text2.Length > 0 ? AlertSize.Mid : AlertSize.Small, priority, VisualAlert.None, AudibleAlert.None, 0.2);

    /// <summary>Override: nothing to show, the driver knows what they are doing.</summary>
    public static readonly Alert Override =
        new("", "", AlertStatus.Normal, AlertSize.None, AlertPriority.Lowest, VisualAlert.None, AudibleAlert.None, 0.1);

    /// <summary>A prompt while engaged.</summary>
    public static Alert Prompt(string text1, string text2, AudibleAlert sound, double durationS) =>
        new(text1, text2, AlertStatus.UserPrompt, text2.Length > 0 ? AlertSize.Mid : AlertSize.Small, AlertPriority.Low, VisualAlert.SteerRequired, sound, durationS);
}
