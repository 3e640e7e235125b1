using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Planning.Fusion;
using Pilot.Planning.Tracking;
using Pilot.Daemons;
using RadarError = Pilot.Messaging.Events.RadarState.Error;

namespace Pilot.Planning.Daemons;

/// <summary>
/// radard: after each modelV2, updates the radar tracks from the newest liveTracks, fuses them with the model's leads
/// and publishes radarState. A car without a usable radar (carParams.radarUnavailable, or no liveTracks ever) gets
/// vision-only leads; a radar that goes silent is reported as a CAN error and its tracks are dropped.
/// </summary>
public sealed class Radard : IDaemon
{
    public static readonly string[] InputServices = ["modelV2", "carState", "liveTracks", "carParams"];
    public static readonly string[] OutputServices = ["radarState"];

    private readonly PubMaster _pub;
    private readonly MessageBuilder _message = new();
    private readonly TrackTable _tracks;
    private readonly RadarPoint[] _points;          // [MaxTracks] this cycle's radar points
    private readonly LeadFusion _fusion;
    private readonly ModelPath _path = new();
    private readonly bool[] _errors = new bool[3];  // [RadarState.Error] active radar errors

    public Radard(ITransport transport, RadardOptions options)
    {
        Options = options;
        Inputs = new SubMaster(InputServices, poll: "modelV2", transport: transport);
        _pub = new PubMaster(OutputServices, transport);
        _tracks = new TrackTable(options.MaxTracks, options.RadarPeriodS);
        _points = new RadarPoint[options.MaxTracks];
        _fusion = new LeadFusion(options.Fusion);
    }

    public RadardOptions Options { get; }
    public string Name => "radard";
    public Schedule Schedule { get; } = new Schedule.Polled("modelV2");
    public SubMaster Inputs { get; }

    /// <summary>The live radar tracks (for tests and tools).</summary>
    public TrackTable Tracks => _tracks;

    public void Step()
    {
        var modelState = Inputs["modelV2"];
        if (modelState.ReceiveCount == 0) return;
        var carState = Inputs["carState"];
        var cs = new Event.Reader(carState.Event).CarState;
        double vEgo = carState.ReceiveCount > 0 ? cs.VEgo : 0, aEgo = carState.ReceiveCount > 0 ? cs.AEgo : 0;

        var cpState = Inputs["carParams"];
        bool radarUnavailable = cpState.ReceiveCount > 0 && new Event.Reader(cpState.Event).CarParams.RadarUnavailable;
        var tracksState = Inputs["liveTracks"];
        // A car whose radar never spoke is treated as vision-only rather than faulted; one that spoke and stopped is a fault.
        bool radarExpected = !radarUnavailable && tracksState.ReceiveCount > 0;
        Array.Clear(_errors);
        if (!radarExpected || !tracksState.Alive)
        {
            _tracks.Clear();
            if (radarExpected) _errors[(int)RadarError.CanError] = true;
        }
        else
        {
            var radar = new Event.Reader(tracksState.Event).LiveTracks;
            foreach (var e in radar.Errors)
                if ((int)e < _errors.Length) _errors[(int)e] = true;
            if (tracksState.Updated) _tracks.Update(ReadPoints(radar), vEgo);
        }

        var model = new Event.Reader(modelState.Event).ModelV2;
        ReadPath(model);
        var leads = model.Leads;
        var leadOne = _fusion.Lead(_tracks.Tracks, FirstPoint(leads, 0), true, vEgo, aEgo, _path, lowSpeedOverride: true);
        var leadTwo = _fusion.Lead(_tracks.Tracks, FirstPoint(leads, 1), true, vEgo, aEgo, _path, lowSpeedOverride: false, slot: 1);

        bool anyError = _errors[0] || _errors[1] || _errors[2];
        bool valid = InputHealth.Ok(modelState) && InputHealth.Ok(carState) && !anyError
            && (!radarExpected || InputHealth.Ok(tracksState));
        Publish(modelState.LogMonoTime, carState.LogMonoTime, leadOne, leadTwo, valid);
    }

    private ReadOnlySpan<RadarPoint> ReadPoints(RadarData.Reader radar)
    {
        int n = 0;
        foreach (var p in radar.Points)
        {
            if (n == _points.Length) break;
            if (!float.IsFinite(p.DRel) || !float.IsFinite(p.YRel) || !float.IsFinite(p.VRel)) continue;   // a garbled point is not a track
            _points[n++] = new RadarPoint(p.TrackId, p.DRel, p.YRel, p.VRel, p.Measured);
        }
        return _points.AsSpan(0, n);
    }

    private void ReadPath(ModelV2.Reader model)
    {
        _path.Clear();
        if (!model.HasPosition) return;
        var x = model.Position.X;
        var y = model.Position.Y;
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
            if (!_path.Add(x[i], y[i])) break;
    }

    /// <summary>The model's lead i at its first prediction time; probability 0 (no lead) when the model sent none or garbage.</summary>
    private static ModelLead FirstPoint(Capnp.Schema.Views.StructList<ModelV2.LeadData.Reader> leads, int i)
    {
        if (i >= leads.Count) return default;
        var l = leads[i];
        if (l.X.Count == 0 || l.Y.Count == 0 || l.V.Count == 0) return default;
        static double At(Capnp.Schema.Views.PrimitiveList<float> list, double fallback) => list.Count > 0 && float.IsFinite(list[0]) ? list[0] : fallback;
        var lead = new ModelLead(l.Prob, l.X[0], At(l.XStd, 1), l.Y[0], At(l.YStd, 1), l.V[0], At(l.VStd, 1), At(l.A, 0));
        bool finite = double.IsFinite(lead.Prob) && double.IsFinite(lead.X) && double.IsFinite(lead.Y) && double.IsFinite(lead.V);
        return finite ? lead : default;
    }

    private void Publish(ulong modelMonoTime, ulong carStateMonoTime, in LeadEstimate one, in LeadEstimate two, bool valid)
    {
        _message.Reset();
        var ev = new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        var rs = ev.InitRadarState();
        rs.SetModelMonoTime(modelMonoTime);
        rs.SetCarStateMonoTime(carStateMonoTime);
        Write(rs.InitLeadOne(), one);
        Write(rs.InitLeadTwo(), two);
        int count = 0;
        foreach (bool e in _errors) if (e) count++;
        var errors = rs.InitRadarErrors(count);
        for (int i = 0, k = 0; i < _errors.Length; i++)
            if (_errors[i]) errors[k++] = (RadarError)i;
        _pub.Send("radarState", _message, valid);
    }

    private static void Write(RadarState.LeadData.Builder b, in LeadEstimate l)
    {
        b.SetStatus(l.Status);
        b.SetDRel((float)l.DRel);
        b.SetYRel((float)l.YRel);
        b.SetVRel((float)l.VRel);
        b.SetARel((float)l.ARel);
        b.SetVLead((float)l.VLead);
        b.SetALeadK((float)l.ALeadK);
        b.SetALeadTau((float)l.ALeadTau);
        b.SetDPath((float)l.DPath);
        b.SetModelProb((float)l.ModelProb);
        b.SetRadar(l.Radar);
        b.SetRadarTrackId(l.RadarTrackId);
        b.SetFcw(l.Fcw);
    }

    public void Dispose()
    {
        Inputs.Dispose();
        _pub.Dispose();
    }
}
