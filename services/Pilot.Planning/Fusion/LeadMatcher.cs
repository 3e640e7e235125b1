using Pilot.Planning.Tracking;

namespace Pilot.Planning.Fusion;

/// <summary>
/// Associates the model's lead with a radar track (openpilot radard.match_vision_to_track): the track with the highest
/// likelihood under independent Gaussians on distance, lateral offset and speed with the model's standard deviations,
/// accepted only when distance and speed agree sanely (a stationary radar return must not stand in for a moving lead).
/// "Sanely" is openpilot's fixed gate or the model's own uncertainty, whichever is wider: a model that reports its lead
/// distance or speed as uncertain (the shipped network's speed has a standard deviation of about 13 m/s, its distance
/// of 15 to 25% beyond 40 m) still gets the radar's measurement of the object it sees, instead of its own guess.
/// </summary>
public static class LeadMatcher
{
    public const double MinDistanceStd = 0.5;      // m: floor on the model's xStd, so a very confident model still matches a track a little off
    public const double MinLateralStd = 0.5;       // m: radar lateral positions are coarse
    public const double MinSpeedStd = 0.5;         // m/s
    public const double DistanceGateRatio = 0.25;  // |d_track − d_model| may reach 25% of the distance ...
    public const double DistanceGateMinM = 5.0;    // ... and at least 5 m (openpilot)
    public const double SpeedGate = 10.0;          // m/s: larger speed disagreement rejects the track unless it moves (openpilot)
    public const double MovingSpeed = 3.0;         // m/s: a track this fast is a vehicle, not roadside clutter
    public const double GateSigmas = 3.0;          // the gates widen to this many of the model's standard deviations
    public const double HeldGateFactor = 2.0;      // the track matched last cycle keeps its match within twice the gates

    /// <summary>Log-likelihood of <paramref name="track"/> being <paramref name="lead"/> (up to a constant).</summary>
    public static double LogLikelihood(in RadarTrack track, in ModelLead lead, double cameraToRadarM)
    {
        double dz = (track.DRel - (lead.X - cameraToRadarM)) / Math.Max(lead.XStd, MinDistanceStd);
        double yz = (track.YRel - lead.Y) / Math.Max(lead.YStd, MinLateralStd);
        double vz = (track.VLead - lead.V) / Math.Max(lead.VStd, MinSpeedStd);
        return -0.5 * (dz * dz + yz * yz + vz * vz);
    }

    /// <summary>Index of the matching track in <paramref name="tracks"/>, or −1 when none is sane.</summary>
    /// <param name="heldTrackId">the track matched to this lead last cycle (−1: none). While it is still the most likely
    /// track its gates are <see cref="HeldGateFactor"/> times wider, as a tracker keeps an association: one frame in
    /// which the network's distance jumps (3 σ and more, seen at 50 m) must not swap the radar's distance and speed for
    /// the network's guess for a cycle, which the planner would brake hard for.</param>
    public static int Match(ReadOnlySpan<RadarTrack> tracks, in ModelLead lead, double cameraToRadarM, long heldTrackId = -1)
    {
        int best = -1;
        double bestLl = double.NegativeInfinity;
        for (int i = 0; i < tracks.Length; i++)
        {
            double ll = LogLikelihood(tracks[i], lead, cameraToRadarM);
            if (ll > bestLl) { bestLl = ll; best = i; }
        }
        if (best < 0) return -1;
        ref readonly var t = ref tracks[best];
        double visionDist = lead.X - cameraToRadarM;
        double widen = t.TrackId == heldTrackId ? HeldGateFactor : 1;
        double distGate = widen * Math.Max(Math.Max(visionDist * DistanceGateRatio, DistanceGateMinM), GateSigmas * Finite(lead.XStd));
        double speedGate = widen * Math.Max(SpeedGate, GateSigmas * Finite(lead.VStd));
        bool distSane = Math.Abs(t.DRel - visionDist) < distGate;
        bool speedSane = Math.Abs(t.VLead - lead.V) < speedGate || t.VLead > MovingSpeed;
        return distSane && speedSane ? best : -1;
    }

    private static double Finite(double std) => double.IsFinite(std) ? Math.Abs(std) : 0;
}
