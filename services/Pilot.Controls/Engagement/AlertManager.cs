namespace Pilot.Controls.Engagement;

/// <summary>The alert selfdriveState shows: the alert, its alertType ("doorOpen/noEntry") and its filled-in second line.</summary>
public sealed record ShownAlert(Alert Alert, string AlertType, EventTypes EventType, string Text2)
{
    public static readonly ShownAlert None = new(
        new Alert("", "", Pilot.Messaging.Events.SelfdriveState.AlertStatus.Normal, Pilot.Messaging.Events.SelfdriveState.AlertSize.None,
            AlertPriority.Lowest, Pilot.Messaging.Events.CarControl.HudControl.VisualAlert.None,
            Pilot.Messaging.Events.CarControl.HudControl.AudibleAlert.None, 0),
        "", EventTypes.None, "");
}

/// <summary>
/// openpilot's alertmanager.py: each (event, type) alert stays at least its duration from when it was first raised and
/// as long as it keeps being raised; the shown alert is the highest priority, then the most recently started. Alerts
/// are kept per (event, type) slot, allocated once; a second line is rebuilt only when its detail changes.
/// </summary>
public sealed class AlertManager(double rateHz)
{
    private sealed class Entry
    {
        public ShownAlert? Shown;
        public string? Detail;
        public long StartFrame = -1, EndFrame = -1, AddedFrame = -1;
        public bool Active(long frame) => frame <= EndFrame;
    }

    private readonly Entry[] _entries = Enumerable.Range(0, EventTable.Count * EventTypeNames.Count).Select(_ => new Entry()).ToArray();

    public ShownAlert Current { get; private set; } = ShownAlert.None;

    /// <summary>Raises the alert of every present event for every type in <paramref name="types"/>.</summary>
    public void Add(long frame, EventSet events, EventTypes types)
    {
        for (int n = 0; n < EventTable.Count; n++)
        {
            var name = (EventName)n;
            if (!events.Contains(name)) continue;
            var spec = EventTable.Get(name);
            for (int t = 0; t < EventTypeNames.Count; t++)
            {
                var type = EventTypeNames.All[t];
                var alert = spec.AlertFor(t);
                if ((types & type) == 0 || alert is null) continue;
                var e = _entries[(int)name * EventTypeNames.Count + t];
                string? detail = events.Detail(name);
                if (e.Shown is null || !ReferenceEquals(e.Detail, detail))
                {
                    e.Shown = new ShownAlert(alert, spec.AlertType(t), type, alert.Text2.Replace(Alert.DetailSlot, detail ?? ""));
                    e.Detail = detail;
                }
                // Still raised since last step: keep its start; otherwise it starts again now.
                bool justAdded = e.Active(frame) && frame == e.AddedFrame + 1;
                if (!justAdded) e.StartFrame = frame;
                long minEnd = e.StartFrame + (long)Math.Round(alert.DurationS * rateHz);
                e.EndFrame = Math.Max(frame + 1, minEnd);
                e.AddedFrame = frame;
            }
        }
    }

    /// <summary>Ends alerts of <paramref name="clear"/> types at once, then picks the alert to show at <paramref name="frame"/>.</summary>
    public void Process(long frame, EventTypes clear)
    {
        Entry? best = null;
        foreach (var e in _entries)
        {
            if (e.Shown is null) continue;
            if ((e.Shown.EventType & clear) != 0) e.EndFrame = -1;
            if (!e.Active(frame)) continue;
            if (best is null || e.Shown.Alert.Priority > best.Shown!.Alert.Priority
                || (e.Shown.Alert.Priority == best.Shown.Alert.Priority && e.StartFrame > best.StartFrame))
                best = e;
        }
        Current = best?.Shown ?? ShownAlert.None;
    }
}
