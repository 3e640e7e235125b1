namespace Pilot.Planning.Fusion;

/// <summary>A fused lead as radarState.leadOne/leadTwo carries it (distances from the car's front, y positive left).</summary>
public record struct LeadEstimate
{
    public bool Status;        // a lead is present
    public double DRel;        // m
    public double YRel;        // m, positive left
    public double VRel;        // m/s, lead minus ego
    public double ARel;        // m/s², lead minus ego
    public double VLead;       // m/s
    public double ALeadK;      // m/s², Kalman (radar) or model (vision) estimate
    public double ALeadTau;    // 1/s², decay rate of the predicted lead acceleration
    public double DPath;       // m, lateral distance from the planned path, positive left
    public double ModelProb;   // 0..1
    public bool Radar;         // a radar track backs it
    public int RadarTrackId;   // −1 for a vision-only lead
    public bool Fcw;           // a forward collision warning may be due (the planner decides)

    public static readonly LeadEstimate None = new() { RadarTrackId = -1 };
}
