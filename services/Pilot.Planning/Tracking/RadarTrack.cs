namespace Pilot.Planning.Tracking;

/// <summary>
/// One radar track (openpilot radar_helpers.Track): the radar's latest measurement, the Kalman estimate of the lead's
/// speed and acceleration, and how long that acceleration is expected to last.
/// </summary>
public struct RadarTrack
{
    public const double LeadAccelTau = 1.5;        // aLeadTau while the lead's acceleration is small, 1/s² (fast decay)
    public const double LeadAccelTauRc = 0.45;     // s: how fast aLeadTau falls to 0 (constant acceleration) once it is not
    public const double SmallAccel = 0.5;          // m/s²: below this the lead counts as cruising

    public uint TrackId;
    public double DRel;       // m, ahead of the radar
    public double YRel;       // m, positive left
    public double VRel;       // m/s, relative to ego
    public double VLead;      // m/s, measured lead speed (vRel + vEgo)
    public bool Measured;     // false: the radar coasted the track this cycle
    public LeadKalman Kalman;
    public double ALeadTau;   // 1/s², decay rate of the predicted lead acceleration: a(t) = aLeadK·exp(−aLeadTau·t²/2)
    public int Updates;       // measurements taken
    internal bool Seen;       // present in the latest radar message

    public static RadarTrack Create(uint trackId, double vLead, double periodS) => new()
    {
        TrackId = trackId,
        Kalman = new LeadKalman(periodS, vLead),
        ALeadTau = LeadAccelTau,
        VLead = vLead,
    };

    /// <summary>Takes one radar measurement; the first one only seeds the filter.</summary>
    public void Update(double dRel, double yRel, double vRel, double vLead, bool measured, double periodS)
    {
        DRel = dRel;
        YRel = yRel;
        VRel = vRel;
        VLead = vLead;
        Measured = measured;
        if (Updates > 0) Kalman.Update(vLead);
        // A lead that keeps accelerating is predicted to keep doing so (tau → 0); a cruising one snaps back.
        if (Math.Abs(Kalman.Accel) < SmallAccel) ALeadTau = LeadAccelTau;
        else ALeadTau += periodS / (LeadAccelTauRc + periodS) * (0 - ALeadTau);
        Updates++;
    }
}
