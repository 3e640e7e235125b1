using Pilot.Capnp;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Schema;
using Pilot.Messaging.TestPeer;

namespace Pilot.Messaging.Tests;

/// <summary>PubMaster/SubMaster in one process (inproc and the deterministic step bus).</summary>
public class PubSubTests
{
    private static byte[] CarState(float vEgo, ulong t, bool valid = true)
    {
        var m = PeerEvents.CarState(new MessageBuilder(), vEgo, t);
        EventLayout.Stamp(m.GetRoot(EventLayout.DataWords, EventLayout.Pointers), t, valid);
        return m.ToFramedArray();
    }

    [Fact]
    public void PubMasterStampsAndSubMasterReceivesInproc()
    {
        var transport = new NetMqTransport(TestBus.Inproc());
        using var pm = new PubMaster(["carState"], transport);
        using var sm = new SubMaster(["carState"], transport: transport);
        var m = new MessageBuilder();
        long before = MonoClock.NowNs();
        for (int i = 0; i < 50 && sm["carState"].ReceiveCount == 0; i++)   // inproc connects at once; retry covers the subscription handshake
        {
            pm.Send("carState", PeerEvents.CarState(m, 7.5f), valid: false);
            sm.Update(100);
        }
        var st = sm["carState"];
        Assert.True(st.Updated);
        Assert.Equal(7.5f, PeerEvents.VEgo(st.Event));
        Assert.False(st.Valid);
        Assert.InRange((long)st.LogMonoTime, before, MonoClock.NowNs());
        Assert.Contains(sm.AllChecks(), f => f.Service == "carState");
    }

    [Fact]
    public void ReusedBuilderDoesNotGrow()
    {
        var m = new MessageBuilder();
        int first = PeerEvents.CarState(m, 1).ToFramedArray().Length;
        for (int i = 0; i < 100; i++) PeerEvents.CarState(m, i);
        var last = m.ToFramedArray();
        Assert.Equal(first, last.Length);
        Assert.Equal(99f, PeerEvents.VEgo(MessageReader.ReadFramed(last).Root));
    }

    [Fact]
    public void SendingAnotherServicesEventIsRefused()
    {
        var transport = new StepTransport();
        using var pm = new PubMaster(["carControl"], transport);
        var e = Assert.Throws<ArgumentException>(() => pm.Send("carControl", PeerEvents.CarState(new MessageBuilder(), 1)));
        Assert.Contains("carState", e.Message);
        Assert.Throws<ArgumentException>(() => pm.Send("modelV2", PeerEvents.CarState(new MessageBuilder(), 1)));
    }

    [Fact]
    public void ConflatedSubscriberKeepsOnlyTheNewest()
    {
        var transport = new NetMqTransport(TestBus.Inproc());
        using var pub = transport.Publish(Services.Get("carState"));
        using var conflated = transport.Subscribe(Services.Get("carState"), conflate: true);
        using var queued = transport.Subscribe(Services.Get("carState"), conflate: false);
        Thread.Sleep(50);   // inproc subscriptions reach the publisher asynchronously
        for (int i = 1; i <= 10; i++) pub.Send(CarState(i, (ulong)i));
        Assert.True(transport.WaitAny([conflated], 2000));
        Thread.Sleep(50);
        Assert.True(conflated.TryReceive(out var newest));
        Assert.Equal(10f, PeerEvents.VEgo(MessageReader.ReadFramed(newest).Root));
        Assert.False(conflated.TryReceive(out _));
        var all = new List<float>();
        while (queued.TryReceive(out var msg)) all.Add(PeerEvents.VEgo(MessageReader.ReadFramed(msg).Root));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (float)i), all);
    }

    [Fact]
    public void SubMasterChecksAliveFrequencyAndValidOnLogTime()
    {
        var bus = new StepTransport();
        using var sm = new SubMaster(["carState", "modelV2"], transport: bus);
        Assert.Equal(["carState: never received", "modelV2: never received"], sm.AllChecks().Select(f => f.ToString()));

        // 2 s at the nominal rates: everything passes.
        ulong t = 1_000_000_000;
        for (int i = 0; i < 200; i++, t += 10_000_000)
        {
            bus.Inject(Services.Get("carState"), CarState(i, t));
            if (i % 5 == 0) bus.Inject(Services.Get("modelV2"), ModelV2(t));
            sm.Update(0);
        }
        Assert.Empty(sm.AllChecks());
        Assert.InRange(sm["carState"].FrequencyHz, 99, 101);

        // carState drops to 50 Hz for 2 s: out of band, still alive.
        for (int i = 0; i < 200; i++, t += 10_000_000)
        {
            if (i % 2 == 0) bus.Inject(Services.Get("carState"), CarState(i, t));
            if (i % 5 == 0) bus.Inject(Services.Get("modelV2"), ModelV2(t));
            sm.Update(0);
        }
        var f = Assert.Single(sm.AllChecks());
        Assert.Equal("carState", f.Service);
        Assert.Contains("frequency", f.Reason);

        // carState stops; modelV2 goes on for 0.2 s: carState is no longer alive (10 periods = 100 ms).
        for (int i = 0; i < 4; i++, t += 50_000_000) { bus.Inject(Services.Get("modelV2"), ModelV2(t)); sm.Update(0); }
        Assert.Contains("not alive", Assert.Single(sm.AllChecks()).Reason);
        Assert.False(sm["carState"].Updated);
        Assert.True(sm["modelV2"].Updated);

        // An invalid carState is reported as such once it is back in band.
        using var sm2 = new SubMaster(["carState"], transport: bus, ignoreAlive: ["carState"]);
        bus.Inject(Services.Get("carState"), CarState(0, t, valid: false));
        sm2.Update(0);
        Assert.Equal("marked invalid by its publisher", Assert.Single(sm2.AllChecks()).Reason);
    }

    private static byte[] ModelV2(ulong t)
    {
        var m = new MessageBuilder();
        EventLayout.InitEvent(m, Services.Get("modelV2"), t).InitStruct(EventLayout.Payload, 1, 0);
        return m.ToFramedArray();
    }

    /// <summary>A minimal process: for each carState it publishes carControl, valid when its inputs pass every check.</summary>
    private sealed class Echo(ITransport bus)
    {
        public readonly SubMaster Sm = new(["carState"], poll: "carState", transport: bus);
        public readonly PubMaster Pm = new(["carControl"], bus);

        public void Step()
        {
            Sm.Update(0);
            if (!Sm["carState"].Updated) return;
            var m = new MessageBuilder();
            EventLayout.InitEvent(m, Services.Get("carControl")).InitStruct(EventLayout.Payload, 1, 4).WriteBool(0, true);
            Pm.Send("carControl", m, valid: Sm.AllOk());
        }
    }

    [Fact]
    public void StepModeFeedsOneInputAndCollectsOutputsDeterministically()
    {
        var bus = new StepTransport();
        var process = new Echo(bus);
        ulong t = 5_000_000_000;
        var outputs = new List<Published>();
        for (int i = 0; i < 10; i++, t += 10_000_000)
            outputs.AddRange(bus.Step(Services.Get("carState"), CarState(i, t), process.Step));
        Assert.Equal(10, outputs.Count);
        Assert.All(outputs, o => Assert.Equal("carControl", o.Service.Name));
        var headers = outputs.Select(o => MessageReader.ReadFramed(o.Message).Root).ToArray();
        // Stamped with log time, not the test machine's clock: the same on every run.
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 5_000_000_000UL + (ulong)i * 10_000_000), headers.Select(EventLayout.ReadLogMonoTime));
        // The first outputs are invalid (frequency not yet judged: fewer than 5 inputs), later ones valid.
        Assert.Equal([false, false, false, false, true, true, true, true, true, true], headers.Select(EventLayout.ReadValid));
        Assert.Empty(bus.Step(Services.Get("modelV2"), ModelV2(t), process.Step));
    }
}
