using Pilot.Planning.Tracking;

namespace Pilot.Planning.Fusion;

/// <summary>Geometry and thresholds of lead fusion.</summary>
public sealed record LeadFusionOptions
{
    public double CameraToRadarM { get; init; } = 1.52;    // the model measures from the camera, the radar from the bumper (openpilot RADAR_TO_CAMERA)
    public double MinLeadProb { get; init; } = 0.5;        // model probability above which its lead is believed
    public double VisionALeadTau { get; init; } = 0.3;     // 1/s²: the model's lead acceleration is trusted for ~2 s (openpilot)
    public double FcwModelProb { get; init; } = 0.9;       // a radar lead the model is this sure of may raise a forward collision warning
    public double StationaryEgoSpeed { get; init; } = 4.0; // m/s: below this, near in-path radar tracks are leads even unconfirmed by the model
    public double LowSpeedMaxDistM { get; init; } = 25.0;  // m: how far that low-speed override reaches
    public double LowSpeedMinDistM { get; init; } = 0.75;  // m: radar points closer than this are glitches (openpilot)
    public double InPathHalfWidthM { get; init; } = 1.0;   // m: |dPath| within this is in the ego's path
    public double MaxLeadDPathM { get; init; } = 2.8;      // m: a radar-backed lead further from the path than half a 3.7 m lane plus half a car's width is in the next lane
}

/// <summary>
/// Turns the model's leads and the radar tracks into radarState's leads (openpilot radard.get_lead): the model's lead
/// backed by its best-matching track; the model's lead alone when no track matches or the car has no radar; and, when
/// crawling, the nearest in-path radar track if it is nearer than that. Remembers, per lead slot, the track it matched
/// last (<see cref="LeadMatcher.Match"/>'s held track).
/// </summary>
public sealed class LeadFusion(LeadFusionOptions options)
{
    public const int Slots = 2;                    // leadOne, leadTwo
    private readonly long[] _held = [-1, -1];      // [Slots] track id matched last cycle, −1 = none

    public LeadFusionOptions Options { get; } = options;

    /// <param name="tracks">live radar tracks (empty for a vision-only car)</param>
    /// <param name="lead">the model's lead (leads[0] for leadOne, leads[1] for leadTwo)</param>
    /// <param name="modelReady">a modelV2 arrived at all</param>
    /// <param name="lowSpeedOverride">consider unconfirmed near radar tracks (leadOne only)</param>
    /// <param name="slot">which lead this is, 0 (leadOne) or 1 (leadTwo): each remembers its own matched track</param>
    public LeadEstimate Lead(ReadOnlySpan<RadarTrack> tracks, in ModelLead lead, bool modelReady, double vEgo, double aEgo,
        ModelPath path, bool lowSpeedOverride, int slot = 0)
    {
        var o = Options;
        bool believed = modelReady && lead.Prob > o.MinLeadProb;
        var result = LeadEstimate.None;
        int match = believed && tracks.Length > 0 ? LeadMatcher.Match(tracks, lead, o.CameraToRadarM, _held[slot]) : -1;
        _held[slot] = match >= 0 ? tracks[match].TrackId : -1;
        if (match >= 0)
        {
            // The radar places the object the network calls a lead; when that is clearly beside the ego's lane (a car in
            // the next lane the network is half sure of), it is no lead, and the network's own guess is not one either.
            result = FromTrack(tracks[match], lead.Prob, aEgo, path);
            if (Math.Abs(result.DPath) > o.MaxLeadDPathM) result = LeadEstimate.None;
        }
        else if (believed) result = FromVision(lead, vEgo, aEgo, path);

        if (lowSpeedOverride && vEgo < o.StationaryEgoSpeed)
        {
            int nearest = -1;
            for (int i = 0; i < tracks.Length; i++)
            {
                ref readonly var t = ref tracks[i];
                if (t.DRel <= o.LowSpeedMinDistM || t.DRel >= o.LowSpeedMaxDistM) continue;
                if (Math.Abs(DPath(t.DRel, t.YRel, path)) >= o.InPathHalfWidthM) continue;
                if (nearest < 0 || t.DRel < tracks[nearest].DRel) nearest = i;
            }
            if (nearest >= 0 && (!result.Status || tracks[nearest].DRel < result.DRel))
                result = FromTrack(tracks[nearest], 0, aEgo, path);
        }
        return result;
    }

    private LeadEstimate FromTrack(in RadarTrack t, double modelProb, double aEgo, ModelPath path) => new()
    {
        Status = true,
        DRel = t.DRel,
        YRel = t.YRel,
        VRel = t.VRel,
        ARel = t.Kalman.Accel - aEgo,
        VLead = t.Kalman.Speed,
        ALeadK = t.Kalman.Accel,
        ALeadTau = t.ALeadTau,
        DPath = DPath(t.DRel, t.YRel, path),
        ModelProb = modelProb,
        Radar = true,
        RadarTrackId = (int)t.TrackId,
        Fcw = modelProb > Options.FcwModelProb,
    };

    private LeadEstimate FromVision(in ModelLead lead, double vEgo, double aEgo, ModelPath path)
    {
        double dRel = lead.X - Options.CameraToRadarM;
        return new LeadEstimate
        {
            Status = true,
            DRel = dRel,
            YRel = lead.Y,
            VRel = lead.V - vEgo,
            ARel = lead.A - aEgo,
            VLead = lead.V,
            ALeadK = lead.A,
            ALeadTau = Options.VisionALeadTau,
            DPath = DPath(dRel, lead.Y, path),
            ModelProb = lead.Prob,
            Radar = false,
            RadarTrackId = -1,
        };
    }

    /// <summary>Lateral distance of a point (from the bumper) to the model's path, m, positive left.</summary>
    public double DPath(double dRel, double yRel, ModelPath path) => yRel - path.OffsetAt(dRel + Options.CameraToRadarM);
}
