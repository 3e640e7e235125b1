using AudibleAlert = Pilot.Messaging.Events.CarControl.HudControl.AudibleAlert;
using VisualAlert = Pilot.Messaging.Events.CarControl.HudControl.VisualAlert;
using static Pilot.Controls.Engagement.EventTypes;

namespace Pilot.Controls.Engagement;

/// <summary>One event: its alertType name and the alert for each event type it carries.</summary>
public sealed class EventSpec
{
    private readonly Alert?[] _alerts = new Alert?[EventTypeNames.Count];
    private readonly string[] _alertTypes = new string[EventTypeNames.Count];

    internal EventSpec(EventName name, IReadOnlyDictionary<EventTypes, Alert> alerts)
    {
        Name = char.ToLowerInvariant(name.ToString()[0]) + name.ToString()[1..];
        foreach (var (type, alert) in alerts)
        {
            int i = EventTypeNames.Index(type);
            _alerts[i] = alert;
            _alertTypes[i] = $"{Name}/{EventTypeNames.Name(type)}";
            Types |= type;
        }
    }

    /// <summary>openpilot's event name ("pedalPressed").</summary>
    public string Name { get; }
    /// <summary>Union of the event's types.</summary>
    public EventTypes Types { get; }
    /// <summary>The alert for one single type, or null when the event does not carry it.</summary>
    public Alert? AlertFor(int typeIndex) => _alerts[typeIndex];
    /// <summary>"name/type", the alertType selfdriveState reports.</summary>
    public string AlertType(int typeIndex) => _alertTypes[typeIndex];
}

/// <summary>
/// The events and their alerts as data (openpilot's events.py EVENTS). Texts follow openpilot's wording. What an event
/// does is only which types it carries: every condition that makes engagement unsafe carries NoEntry, so the state
/// machine refuses without any event-specific code.
/// </summary>
public static class EventTable
{
    private static readonly EventSpec[] Specs = Build();

    public static EventSpec Get(EventName name) => Specs[(int)name];

    public static int Count => Specs.Length;

    private static EventSpec[] Build()
    {
        var table = new Dictionary<EventName, Dictionary<EventTypes, Alert>>
        {
            [EventName.ButtonEnable] = new() { [Enable] = Alert.Engagement(AudibleAlert.Engage) },
            [EventName.ButtonCancel] = new()
            {
                [UserDisable] = Alert.Engagement(AudibleAlert.Disengage),
                [NoEntry] = Alert.NoEntry("Cancel Pressed"),
            },
            [EventName.PcmEnable] = new() { [Enable] = Alert.Engagement(AudibleAlert.Engage) },
            [EventName.PcmDisable] = new() { [UserDisable] = Alert.Engagement(AudibleAlert.Disengage) },
            [EventName.CruiseMainOff] = new()
            {
                [UserDisable] = Alert.Engagement(AudibleAlert.Disengage),
                [NoEntry] = Alert.NoEntry("Cruise Main Switch Off"),
            },
            [EventName.PedalPressed] = new()
            {
                [UserDisable] = Alert.Engagement(AudibleAlert.Disengage),
                [NoEntry] = Alert.NoEntry("Pedal Pressed", VisualAlert.BrakePressed),
            },
            [EventName.PreEnableStandstill] = new() { [PreEnable] = Alert.Permanent("Release Brake Pedal to Engage") },
            [EventName.GasPressedOverride] = new() { [OverrideLongitudinal] = Alert.Override },
            [EventName.SteerOverride] = new() { [OverrideLateral] = Alert.Override },
            [EventName.WrongGear] = new()
            {
                [SoftDisable] = Alert.SoftDisable("Gear not D"),
                [NoEntry] = Alert.NoEntry("Gear not D", VisualAlert.WrongGear),
            },
            [EventName.ReverseGear] = new()
            {
                [ImmediateDisable] = Alert.ImmediateDisable("Reverse Gear"),
                [NoEntry] = Alert.NoEntry("Reverse Gear", VisualAlert.WrongGear),
            },
            [EventName.DoorOpen] = new()
            {
                [UserDisable] = Alert.ImmediateDisable("Door Open"),
                [NoEntry] = Alert.NoEntry("Door Open"),
            },
            [EventName.SeatbeltNotLatched] = new()
            {
                [SoftDisable] = Alert.SoftDisable("Seatbelt Unlatched"),
                [NoEntry] = Alert.NoEntry("Seatbelt Unlatched", VisualAlert.SeatbeltUnbuckled),
            },
            [EventName.EspDisabled] = new()
            {
                [SoftDisable] = Alert.SoftDisable("Electronic Stability Control Disabled"),
                [NoEntry] = Alert.NoEntry("Electronic Stability Control Disabled"),
            },
            [EventName.ParkBrake] = new()
            {
                [UserDisable] = Alert.Engagement(AudibleAlert.Disengage),
                [NoEntry] = Alert.NoEntry("Parking Brake Engaged"),
            },
            [EventName.SpeedTooLow] = new() { [NoEntry] = Alert.NoEntry("Speed Too Low") },
            [EventName.BelowSteerSpeed] = new()
            {
                [Warning] = Alert.Prompt("Steer Unavailable Below Minimum Speed", "", AudibleAlert.Prompt, 0.4),
            },
            [EventName.CanError] = new()
            {
                [ImmediateDisable] = Alert.ImmediateDisable("CAN Error: Check Connections"),
                [NoEntry] = Alert.NoEntry("CAN Error: Check Connections"),
            },
            [EventName.SteerTempUnavailable] = new()
            {
                [Warning] = Alert.Prompt("Steering Temporarily Unavailable", "", AudibleAlert.Prompt, 1.8),
                [NoEntry] = Alert.NoEntry("Steering Temporarily Unavailable"),
            },
            [EventName.SteerUnavailable] = new()
            {
                [ImmediateDisable] = Alert.ImmediateDisable("Steering Fault: Restart the Car"),
                [NoEntry] = Alert.NoEntry("Steering Fault: Restart the Car"),
                [Permanent] = Alert.Permanent("Steering Fault: Restart the Car"),
            },
            [EventName.AccFaulted] = new()
            {
                [ImmediateDisable] = Alert.ImmediateDisable("Cruise Fault: Restart the Car"),
                [NoEntry] = Alert.NoEntry("Cruise Fault: Restart the Car"),
                [Permanent] = Alert.Permanent("Cruise Fault: Restart the Car"),
            },
            [EventName.SteerSaturated] = new()
            {
                [Warning] = Alert.Prompt("Take Control", "Turn Exceeds Steering Limit", AudibleAlert.PromptRepeat, 2.0),
            },
            [EventName.NoCarParams] = new()
            {
                [NoEntry] = Alert.NoEntry("Waiting for Car Parameters"),
                [Permanent] = Alert.Permanent("Waiting for Car Parameters", "Car not recognized yet"),
            },
            [EventName.CarParamsInvalid] = new()
            {
                // Parameters that turn unusable mid-drive leave no controller to act with.
                [ImmediateDisable] = Alert.ImmediateDisable("Car Parameters Invalid: " + Alert.DetailSlot),
                [NoEntry] = Alert.NoEntry("Car Parameters Invalid: " + Alert.DetailSlot),
                [Permanent] = Alert.Permanent("Car Parameters Invalid", Alert.DetailSlot),
            },
            [EventName.CommIssue] = new()
            {
                [SoftDisable] = Alert.SoftDisable("Communication Issue: " + Alert.DetailSlot),
                [NoEntry] = Alert.NoEntry("Communication Issue: " + Alert.DetailSlot),
            },
            [EventName.ModeldLagging] = new()
            {
                [SoftDisable] = Alert.SoftDisable("Driving Model Lagging"),
                [NoEntry] = Alert.NoEntry("Driving Model Lagging"),
            },
            [EventName.RadarFault] = new()
            {
                [SoftDisable] = Alert.SoftDisable("Radar Error: Restart the Car"),
                [NoEntry] = Alert.NoEntry("Radar Error: Restart the Car"),
            },
            [EventName.ControlsMismatch] = new()
            {
                [ImmediateDisable] = Alert.ImmediateDisable("Controls Mismatch"),
                [NoEntry] = Alert.NoEntry("Controls Mismatch"),
            },
            [EventName.ProcessNotRunning] = new()
            {
                [NoEntry] = Alert.NoEntry("System Malfunction: " + Alert.DetailSlot + " not running"),
            },
            [EventName.Fcw] = new()
            {
                [Permanent] = new Alert("BRAKE!", "Risk of Collision", Pilot.Messaging.Events.SelfdriveState.AlertStatus.Critical,
                    Pilot.Messaging.Events.SelfdriveState.AlertSize.Full, AlertPriority.Highest, VisualAlert.Fcw, AudibleAlert.WarningImmediate, 2.0),
            },
            [EventName.Overheat] = new()
            {
                [SoftDisable] = Alert.SoftDisable("System Overheated"),
                [NoEntry] = Alert.NoEntry("System Overheated"),
            },
        };
        var names = Enum.GetValues<EventName>();
        var missing = names.Where(n => !table.ContainsKey(n)).ToArray();
        if (missing.Length > 0) throw new InvalidOperationException($"events without a table entry: {string.Join(", ", missing)}");
        return names.Select(n => new EventSpec(n, table[n])).ToArray();
    }
}
