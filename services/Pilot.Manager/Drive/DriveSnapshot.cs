using Pilot.Messaging.Events;

namespace Pilot.Manager.Drive;

/// <summary>
/// The newest values of a drive for the live view: what the car reports (carState), what the system perceives and
/// decides (radarState, controlsState, selfdriveState) and the ground truth (simulatorState). Fed the same Events as
/// <see cref="DriveSummary"/>; process health comes from the manager itself (<see cref="ProcessHealthRow"/>).
/// </summary>
public sealed class DriveSnapshot
{
    /// <summary>Ego speed the car reports, m/s.</summary>
    public float? Speed { get; private set; }
    /// <summary>Set speed of the cruise control, m/s.</summary>
    public float? SetSpeed { get; private set; }
    /// <summary>Distance to the lead radard fused, m (null: no lead).</summary>
    public float? LeadDistance { get; private set; }
    /// <summary>Ground-truth gap to the lead, m (null: none ahead or no simulator).</summary>
    public float? TrueLeadGap { get; private set; }
    /// <summary>Ground-truth distance of ego from its lane centre, m, positive left.</summary>
    public float? LaneOffset { get; private set; }
    /// <summary>Simulated time, s, and scenario name.</summary>
    public double? SimTime { get; private set; }
    public string Scenario { get; private set; } = "";
    public SelfdriveState.State? State { get; private set; }
    public bool Engaged { get; private set; }
    /// <summary>Alert headline and detail ("" when none).</summary>
    public string Alert { get; private set; } = "";

    /// <summary>Gap to the lead in seconds at the current speed (null without a lead or below walking pace).</summary>
    public double? LeadTimeGap => LeadDistance is { } d && Speed is { } v && v >= DriveSummary.MovingSpeed ? d / v : null;

    public void Add(Event.Reader ev)
    {
        switch (ev.Which)
        {
            case Event.Which.CarState: Speed = ev.CarState.VEgo; break;
            case Event.Which.ControlsState: SetSpeed = ev.ControlsState.VCruise; break;
            case Event.Which.RadarState:
                var lead = ev.RadarState.LeadOne;
                LeadDistance = lead.Status ? lead.DRel : null;
                break;
            case Event.Which.SimulatorState:
                var s = ev.SimulatorState;
                TrueLeadGap = s.LeadPresent ? s.LeadGap : null;
                LaneOffset = s.LaneOffset;
                SimTime = s.Time;
                Scenario = s.Scenario;
                break;
            case Event.Which.SelfdriveState:
                var sd = ev.SelfdriveState;
                State = sd.State;
                Engaged = sd.Enabled;
                Alert = string.Join(" · ", new[] { sd.AlertText1, sd.AlertText2 }.Where(t => t.Length > 0));
                break;
        }
    }
}
