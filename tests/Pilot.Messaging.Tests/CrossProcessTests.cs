using System.Globalization;
using Pilot.Capnp;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.TestPeer;

namespace Pilot.Messaging.Tests;

/// <summary>Pub/sub between this test process and Pilot.Messaging.TestPeer processes, over TCP on loopback and over shared memory.</summary>
public class CrossProcessTests
{
    /// <summary>Every message of a (non-conflating) subscriber, in arrival order, until <paramref name="until"/> or ~20 s.</summary>
    private static List<float> Receive(ITransport bus, ISubscriber sub, Func<List<float>, bool> until, int maxWaits = 1000)
    {
        var got = new List<float>();
        for (int i = 0; i < maxWaits && !until(got); i++)
        {
            bus.WaitAny([sub], 20);
            while (sub.TryReceive(out var msg)) got.Add(PeerEvents.VEgo(MessageReader.ReadFramed(msg).Root));
        }
        return got;
    }

    private static void AssertConsecutive(IReadOnlyList<float> values)
    {
        for (int i = 1; i < values.Count; i++) Assert.True(values[i] == values[i - 1] + 1, $"gap between {values[i - 1]} and {values[i]}");
    }

    private static float[] Values(IEnumerable<string> lines) => lines.Where(l => l.StartsWith("recv", StringComparison.Ordinal))
        .Select(l => float.Parse(l[5..], CultureInfo.InvariantCulture)).Where(v => v >= 0).ToArray();

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Shm)]
    public void LateJoinerSeesOnlyWhatIsSentAfterItJoinsInOrder(Transport kind)
    {
        var bus = TestBus.Of(kind);
        using var files = new ShmFiles(bus);
        using var pub = new PeerProcess(bus, "pub", "400", "100");
        pub.WaitFor("ready");
        Thread.Sleep(500);   // the publisher has been sending for ~0.5 s before this subscriber exists
        var transport = Transports.Open(bus);
        using var sub = transport.Subscribe(Services.Get("carState"), conflate: false);
        var got = Receive(transport, sub, g => g.Count >= 50);
        Assert.True(got.Count >= 50, $"received {got.Count}");
        Assert.True(got[0] > 0, "a late joiner cannot see messages sent before it connected");
        AssertConsecutive(got);

        using var sm = new SubMaster(["carState"], transport: transport);
        for (int i = 0; i < 100 && sm["carState"].ReceiveCount < 20; i++) sm.Update(50);
        Assert.True(sm["carState"].Alive);
        Assert.InRange(sm["carState"].LogMonoTime, 1UL, (ulong)MonoClock.NowNs());
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Shm)]
    public void SubscriberSurvivesAPublisherRestart(Transport kind)
    {
        var bus = TestBus.Of(kind);
        using var files = new ShmFiles(bus);
        var transport = Transports.Open(bus);
        using var sub = transport.Subscribe(Services.Get("carState"), conflate: false);
        using (var first = new PeerProcess(bus, "pub", "100000", "100", "0"))
        {
            first.WaitFor("ready");
            Assert.NotEmpty(Receive(transport, sub, g => g.Count >= 10));
            first.Kill();   // SIGKILL: no goodbye on the socket
        }
        using var second = new PeerProcess(bus, "pub", "100000", "100", "1000000");
        second.WaitFor("ready");
        var got = Receive(transport, sub, g => g.Count > 0 && g[^1] >= 1_000_010);
        Assert.True(got.Count > 0 && got[^1] >= 1_000_010, $"after the restart: {string.Join(",", got.TakeLast(5))}");
        AssertConsecutive(got.Where(v => v >= 1_000_000).ToArray());
    }

    [Theory]
    [InlineData(Transport.Tcp)]
    [InlineData(Transport.Shm)]
    public void SlowConflatingSubscriberGetsTheNewestAndSlowQueuedSubscriberGetsEverything(Transport kind)
    {
        var bus = TestBus.Of(kind);
        using var files = new ShmFiles(bus);
        using var conflated = new PeerProcess(bus, "sub", "5", "conflate", "100");
        using var queued = new PeerProcess(bus, "sub", "300", "queue", "2");
        conflated.WaitFor("ready");
        queued.WaitFor("ready");
        using var pm = new PubMaster(["carState"], Transports.Open(bus));
        var m = new MessageBuilder();
        // Probe (vEgo = -1) until both have heard one: from then on both are connected and subscribed.
        bool heardC = false, heardQ = false;
        for (int i = 0; i < 2000 && !(heardC && heardQ); i++)
        {
            pm.Send("carState", PeerEvents.CarState(m, -1));
            heardC |= conflated.TryNextLine(TimeSpan.FromMilliseconds(5)) == "recv -1";
            heardQ |= queued.TryNextLine(TimeSpan.FromMilliseconds(5)) == "recv -1";
        }
        Assert.True(heardC && heardQ, "subscribers never connected");
        for (int i = 0; i < 300; i++)
        {
            pm.Send("carState", PeerEvents.CarState(m, i));
            Thread.Sleep(5);   // ~200 Hz for 1.5 s: far faster than the 10 Hz conflating reader, and the publisher never waits for it
        }
        var c = Values(conflated.ReadToEnd());
        var q = Values(queued.ReadToEnd());
        Assert.True(c.Length >= 2, $"conflated reader got {c.Length} messages");
        Assert.True(c.Zip(c.Skip(1)).All(p => p.Second > p.First + 1), $"conflated reader should skip stale messages: {string.Join(",", c)}");
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (float)i), q);   // below the queue limit nothing is lost
    }
}
