using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Planning.Daemons;
using Pilot.Daemons;

namespace Pilot.Planning.Tests;

public class LiveBusTests
{
    [Fact]
    public async Task Radard_and_plannerd_chain_on_real_sockets_from_the_model_to_a_plan()
    {
        // Real NetMQ sockets (in-process endpoints), each daemon run by the process host on its own thread.
        var bus = new NetMqTransport(new Bus(Transport.Inproc, 0, $"planning-{Guid.NewGuid():N}"));
        // In-process endpoints must be bound before anyone connects: every input gets a publisher here (liveTracks,
        // controlsState and selfdriveState stay silent), and each daemon binds its output before the next subscribes.
        using var pub = new PubMaster(["modelV2", "carState", "carParams", "liveTracks", "controlsState", "selfdriveState"], bus);
        var radardDaemon = new Radard(bus, new RadardOptions());
        var plannerdDaemon = new Plannerd(bus, new PlannerdOptions());
        using var sub = new SubMaster(["radarState", "longitudinalPlan"], transport: bus);
        using var stop = new CancellationTokenSource();
        var radard = Task.Run(() => DaemonHost.Run(radardDaemon, stop.Token));
        var plannerd = Task.Run(() => DaemonHost.Run(plannerdDaemon, stop.Token));
        var message = new MessageBuilder();
        Event.Builder Root()
        {
            message.Reset();
            return new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        }

        int plans = 0;
        Event.Reader radar = default, plan = default;
        for (int i = 0; i < 400 && plans < 10; i++)   // up to 8 s: subscriptions take a moment to connect
        {
            if (i % 20 == 0) { Root().InitCarParams().SetRadarUnavailable(true); pub.Send("carParams", message); }
            var cs = Root().InitCarState();
            cs.SetVEgo(25);
            cs.InitCruiseState().SetSpeed(30);
            pub.Send("carState", message);
            var leads = Root().InitModelV2().InitLeads(2);
            var lead = leads[0];
            lead.SetProb(0.9f);
            lead.InitX(1)[0] = 41.52f; lead.InitXStd(1)[0] = 2;
            lead.InitY(1)[0] = 0; lead.InitYStd(1)[0] = 0.5f;
            lead.InitV(1)[0] = 15; lead.InitVStd(1)[0] = 1;
            lead.InitA(1)[0] = 0;
            pub.Send("modelV2", message);
            await Task.Delay(20);
            sub.Update(0);
            if (sub["radarState"].Updated) radar = new Event.Reader(sub["radarState"].Event);
            if (sub["longitudinalPlan"].Updated) { plan = new Event.Reader(sub["longitudinalPlan"].Event); plans++; }
        }
        stop.Cancel();
        Assert.Equal(0, await radard.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, await plannerd.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(plans >= 10, $"only {plans} plans arrived");
        Assert.True(radar.RadarState.LeadOne.Status);
        Assert.False(radar.RadarState.LeadOne.Radar);
        Assert.Equal(40, radar.RadarState.LeadOne.DRel, 1e-4);
        Assert.True(plan.LongitudinalPlan.HasLead);
        Assert.Equal(LongitudinalPlan.Source.Lead0, plan.LongitudinalPlan.Source);
        Assert.True(plan.LongitudinalPlan.ATarget < 0, $"aTarget {plan.LongitudinalPlan.ATarget}: 40 m behind a car 10 m/s slower");
        // The plan carries the model frame it was planned on (the newest radarState may be a frame further on).
        Assert.InRange(plan.LongitudinalPlan.ModelMonoTime, 1UL, radar.RadarState.ModelMonoTime);
    }
}
