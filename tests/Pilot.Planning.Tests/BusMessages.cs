using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Planning.Tests;

/// <summary>Framed Events the daemons read, built as their publishers would, and a step bus to deliver them on.</summary>
internal sealed class BusMessages
{
    public readonly StepTransport Bus = new();

    public void Send(string service, long timeNs, Action<Event.Builder> fill)
    {
        var message = new MessageBuilder();
        var ev = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        ev.SetLogMonoTime((ulong)timeNs);
        ev.SetValid(true);
        fill(ev);
        Bus.Inject(Pilot.Messaging.Services.Get(service), message.ToFramedArray());
    }

    public void CarState(long t, double vEgo, double aEgo = 0, double setSpeed = 0) => Send("carState", t, ev =>
    {
        var cs = ev.InitCarState();
        cs.SetVEgo((float)vEgo);
        cs.SetAEgo((float)aEgo);
        cs.InitCruiseState().SetSpeed((float)setSpeed);
    });

    /// <summary>modelV2 with one lead (x from the camera, y left) and leads[1] absent (probability 0); a straight path.</summary>
    public void Model(long t, double prob, double x, double y, double v) => Send("modelV2", t, ev =>
    {
        var m = ev.InitModelV2();
        var pos = m.InitPosition();
        var px = pos.InitX(33);
        var py = pos.InitY(33);
        for (int i = 0; i < 33; i++) { px[i] = 192f * (i / 32f) * (i / 32f); py[i] = 0; }
        var leads = m.InitLeads(2);
        Lead(leads[0], prob, x, y, v);
        Lead(leads[1], 0, x, y, v);
    });

    private static void Lead(ModelV2.LeadData.Builder l, double prob, double x, double y, double v)
    {
        l.SetProb((float)prob);
        Fill(l.InitX(6), x); Fill(l.InitXStd(6), 2);
        Fill(l.InitY(6), y); Fill(l.InitYStd(6), 0.5);
        Fill(l.InitV(6), v); Fill(l.InitVStd(6), 1);
        Fill(l.InitA(6), 0); Fill(l.InitAStd(6), 0.5);
    }

    private static void Fill(Capnp.Schema.Views.PrimitiveListBuilder<float> list, double value)
    {
        for (int i = 0; i < list.Count; i++) list[i] = (float)value;
    }

    public void Tracks(long t, params (uint Id, double D, double Y, double VRel)[] points) => Send("liveTracks", t, ev =>
    {
        var r = ev.InitLiveTracks();
        var list = r.InitPoints(points.Length);
        for (int i = 0; i < points.Length; i++)
        {
            var p = list[i];
            p.SetTrackId(points[i].Id);
            p.SetDRel((float)points[i].D);
            p.SetYRel((float)points[i].Y);
            p.SetVRel((float)points[i].VRel);
            p.SetARel(float.NaN);
            p.SetMeasured(true);
        }
    });

    public void CarParams(long t, bool radarUnavailable) => Send("carParams", t, ev =>
    {
        var cp = ev.InitCarParams();
        cp.SetRadarUnavailable(radarUnavailable);
        cp.SetLongitudinalActuatorDelay(0.15f);
        cp.SetVEgoStopping(0.5f);
    });

    public void RadarState(long t, long modelTime, bool lead, double dRel, double vLead) => Send("radarState", t, ev =>
    {
        var rs = ev.InitRadarState();
        rs.SetModelMonoTime((ulong)modelTime);
        var one = rs.InitLeadOne();
        one.SetStatus(lead);
        one.SetDRel((float)dRel);
        one.SetVLead((float)vLead);
        one.SetALeadTau(1.5f);
        one.SetModelProb(0.95f);
        one.SetRadar(true);
        one.SetRadarTrackId(1);
        rs.InitLeadTwo();
    });

    /// <summary>The newest message of <paramref name="service"/> among what was published, as an Event reader.</summary>
    public static Event.Reader? Last(IReadOnlyList<Published> published, string service)
    {
        for (int i = published.Count - 1; i >= 0; i--)
            if (published[i].Service.Name == service) return new Event.Reader(MessageReader.ReadFramed(published[i].Message).Root);
        return null;
    }
}
