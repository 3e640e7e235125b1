using Pilot.Planning.Fusion;
using Pilot.Planning.Tracking;

namespace Pilot.Planning.Tests;

public class LeadFusionTests
{
    private static readonly LeadFusionOptions Options = new();
    private readonly LeadFusion _fusion = new(Options);
    private readonly ModelPath _straight = new();

    private static ModelLead ModelLeadAt(double dRel, double y, double v, double prob = 0.95, double a = 0) =>
        new(prob, dRel + Options.CameraToRadarM, 2.0, y, 0.5, v, 1.0, a);

    private static TrackTable Tracks(double vEgo, params RadarPoint[] points)
    {
        var table = new TrackTable();
        for (int i = 0; i < 10; i++) table.Update(points, vEgo);   // a few cycles: tracks exist and filters have settled
        return table;
    }

    [Fact]
    public void Association_picks_the_track_that_matches_distance_lateral_offset_and_speed()
    {
        const double vEgo = 25;
        var table = Tracks(vEgo,
            new RadarPoint(11, 40, 3.6, -2, true),    // next lane, same distance and speed
            new RadarPoint(12, 41, 0.2, -2, true),    // the lead
            new RadarPoint(13, 42, 0.1, -25, true),   // a stationary object in the lane, same distance
            new RadarPoint(14, 70, 0.0, -2, true));   // a car further ahead
        var lead = _fusion.Lead(table.Tracks, ModelLeadAt(40, 0, 23), true, vEgo, 0, _straight, lowSpeedOverride: true);
        Assert.True(lead.Status);
        Assert.True(lead.Radar);
        Assert.Equal(12, lead.RadarTrackId);
        Assert.Equal(41, lead.DRel, 1e-9);
        Assert.Equal(23, lead.VLead, 0.05);
        Assert.Equal(0.95, lead.ModelProb, 1e-9);
        Assert.True(lead.Fcw);   // a confident model plus a radar track may warn
    }

    [Fact]
    public void Lateral_offset_decides_between_tracks_at_equal_distance_and_speed()
    {
        // Both within the ego's lane's reach of the path (a lead beyond MaxLeadDPathM is in the next lane, no lead).
        var table = Tracks(20, new RadarPoint(1, 30, 1.5, 0, true), new RadarPoint(2, 30, -1.5, 0, true));
        Assert.Equal(1, _fusion.Lead(table.Tracks, ModelLeadAt(30, 1.2, 20), true, 20, 0, _straight, true).RadarTrackId);
        Assert.Equal(2, _fusion.Lead(table.Tracks, ModelLeadAt(30, -1.2, 20), true, 20, 0, _straight, true).RadarTrackId);
    }

    [Fact]
    public void Without_radar_the_models_lead_is_used_alone()
    {
        var model = ModelLeadAt(35, 0.3, 18, a: -1.0);
        var lead = _fusion.Lead(ReadOnlySpan<RadarTrack>.Empty, model, true, 20, 0.5, _straight, true);
        Assert.True(lead.Status);
        Assert.False(lead.Radar);
        Assert.Equal(-1, lead.RadarTrackId);
        Assert.Equal(35, lead.DRel, 1e-9);
        Assert.Equal(18, lead.VLead, 1e-9);
        Assert.Equal(-2, lead.VRel, 1e-9);
        Assert.Equal(-1.0, lead.ALeadK, 1e-9);
        Assert.Equal(-1.5, lead.ARel, 1e-9);
        Assert.Equal(Options.VisionALeadTau, lead.ALeadTau);
        Assert.False(lead.Fcw);
    }

    [Fact]
    public void A_lead_no_track_agrees_with_falls_back_to_vision()
    {
        var table = Tracks(20, new RadarPoint(5, 80, 0, 0, true));   // only a track 45 m beyond the model's lead
        var lead = _fusion.Lead(table.Tracks, ModelLeadAt(35, 0, 20), true, 20, 0, _straight, true);
        Assert.True(lead.Status);
        Assert.False(lead.Radar);
        Assert.Equal(35, lead.DRel, 1e-9);
    }

    [Fact]
    public void A_model_unsure_of_its_leads_distance_and_speed_gets_the_radar_track_within_three_of_its_deviations()
    {
        // The shipped network approaching a stopped car in the closed loop: 14 m short at 57 m (xStd 8.9 m) and 17 m/s
        // where the car stands (vStd 13.5 m/s). openpilot's fixed gates (25% of the distance, 10 m/s) refuse the track.
        const double vEgo = 20;
        var table = Tracks(vEgo, new RadarPoint(3, 57.4, 0.1, -vEgo, true));
        var unsure = new ModelLead(0.97, 43.0 + Options.CameraToRadarM, 8.9, 0, 0.5, 17.4, 13.5, 0);
        var lead = _fusion.Lead(table.Tracks, unsure, true, vEgo, 0, _straight, true);
        Assert.True(lead.Radar);
        Assert.Equal(57.4, lead.DRel, 1e-9);
        Assert.Equal(0, lead.VLead, 0.05);
        // The same miss from a model that claims to be sure is a different object, as in openpilot.
        var sure = unsure with { XStd = 2, VStd = 1 };
        Assert.False(new LeadFusion(Options).Lead(table.Tracks, sure, true, vEgo, 0, _straight, true).Radar);
        Assert.False(new LeadFusion(Options).Lead(table.Tracks, sure with { X = 57.4 + Options.CameraToRadarM }, true, vEgo, 0, _straight, true).Radar);   // right distance, stationary: clutter
    }

    [Fact]
    public void A_matched_track_survives_one_wild_model_frame_that_a_new_match_would_refuse()
    {
        // Following at 50 m: one frame the network says 29 m (xStd 6.6 m, 3.2 σ off). Matched the cycle before, the
        // track keeps its match (gates twice as wide); without that history the frame falls back to vision.
        const double vEgo = 30;
        var table = Tracks(vEgo, new RadarPoint(4, 50.3, 0, 0, true));
        var good = new ModelLead(0.97, 38.0 + Options.CameraToRadarM, 7.5, 0, 0.5, 17, 13, 0);
        var wild = good with { X = 29.06 + Options.CameraToRadarM, XStd = 6.63 };
        Assert.True(_fusion.Lead(table.Tracks, good, true, vEgo, 0, _straight, true).Radar);
        var held = _fusion.Lead(table.Tracks, wild, true, vEgo, 0, _straight, true);
        Assert.True(held.Radar);
        Assert.Equal(50.3, held.DRel, 1e-9);
        Assert.False(new LeadFusion(Options).Lead(table.Tracks, wild, true, vEgo, 0, _straight, true).Radar);
        // Each lead slot holds its own track: leadTwo never matched track 4, so the wild frame is refused there.
        Assert.False(_fusion.Lead(table.Tracks, wild, true, vEgo, 0, _straight, false, slot: 1).Radar);
    }

    [Fact]
    public void A_model_lead_the_radar_places_in_the_next_lane_is_no_lead()
    {
        // The closed loop's cut-in car in the left lane: the network half sees it as a lead 1 m left (yStd 1.5 m); the
        // radar has it 3.56 m left, a lane over. As it moves in (2 m left), it becomes the lead.
        const double vEgo = 25;
        var table = Tracks(vEgo, new RadarPoint(2, 48.5, 3.56, -3, true));
        var model = new ModelLead(0.62, 48.65, 15.9, 1.0, 1.46, 17.4, 14.2, 0);
        Assert.False(_fusion.Lead(table.Tracks, model, true, vEgo, 0, _straight, true).Status);
        var cutIn = Tracks(vEgo, new RadarPoint(2, 48.5, 2.0, -3, true));
        var lead = _fusion.Lead(cutIn.Tracks, model, true, vEgo, 0, _straight, true);
        Assert.True(lead.Status && lead.Radar);
        Assert.Equal(2.0, lead.DPath, 1e-9);
    }

    [Fact]
    public void An_unsure_model_gives_no_lead_at_speed()
    {
        var table = Tracks(20, new RadarPoint(5, 35, 0, 0, true));
        var lead = _fusion.Lead(table.Tracks, ModelLeadAt(35, 0, 20, prob: 0.3), true, 20, 0, _straight, true);
        Assert.False(lead.Status);
    }

    [Fact]
    public void When_crawling_the_nearest_in_path_radar_track_is_a_lead_even_unconfirmed()
    {
        var path = new ModelPath();
        for (int i = 0; i < 10; i++) Assert.True(path.Add(i * 5.0, i * 0.2));   // path drifting left, 0.2 m per 5 m
        var table = Tracks(2,
            new RadarPoint(1, 10, 0.4 + 0.4, -2, true),   // in path (path offset at 11.5 m ≈ 0.46 m)
            new RadarPoint(2, 8, -2.5, -2, true));        // nearer but beside the path
        var lead = _fusion.Lead(table.Tracks, ModelLeadAt(0, 0, 0, prob: 0.1), true, vEgo: 2, aEgo: 0, path, lowSpeedOverride: true);
        Assert.True(lead.Status);
        Assert.Equal(1, lead.RadarTrackId);
        Assert.Equal(0.8 - path.OffsetAt(10 + Options.CameraToRadarM), lead.DPath, 1e-9);
        Assert.False(_fusion.Lead(table.Tracks, ModelLeadAt(0, 0, 0, prob: 0.1), true, 2, 0, path, lowSpeedOverride: false).Status);
    }

    [Fact]
    public void Tracks_are_created_updated_and_deleted_by_id()
    {
        var table = new TrackTable(capacity: 2);
        Assert.Equal(0, table.Update([new RadarPoint(7, 20, 0, 0, true), new RadarPoint(9, 30, 0, 0, true)], 10));
        Assert.Equal(2, table.Count);
        Assert.Equal(1, table.Update([new RadarPoint(9, 29, 0, -1, true), new RadarPoint(4, 50, 0, 0, true), new RadarPoint(5, 60, 0, 0, true)], 10));
        Assert.Equal(2, table.Count);
        Assert.Equal(-1, table.IndexOf(7));
        var nine = table.Tracks[table.IndexOf(9)];
        Assert.Equal(29, nine.DRel);
        Assert.Equal(2, nine.Updates);
        Assert.Equal(1, table.Tracks[table.IndexOf(4)].Updates);
        Assert.Equal(-1, table.IndexOf(5));   // over capacity: dropped and counted
    }

    [Fact]
    public void A_steadily_braking_track_is_predicted_to_keep_braking()
    {
        var table = new TrackTable();
        double v = 20;
        for (int i = 0; i < 60; i++) table.Update([new RadarPoint(1, 30, 0, (v -= 0.1) - 20, true)], 20);
        var t = table.Tracks[0];
        Assert.Equal(-2, t.Kalman.Accel, 0.3);
        Assert.True(t.ALeadTau < 0.1, $"aLeadTau {t.ALeadTau}: a lead braking for 3 s should be predicted to go on");
    }
}
