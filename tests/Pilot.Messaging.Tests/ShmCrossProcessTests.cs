using System.Globalization;
using Pilot.Capnp;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.PubSub.Shm;
using Pilot.Messaging.TestPeer;

namespace Pilot.Messaging.Tests;

/// <summary>What only the shared-memory transport has: overrun counting, its size limit, futex wake-ups between processes.</summary>
public class ShmCrossProcessTests
{
    [Fact]
    public void SubscriberOverrunByAnotherProcessCountsExactlyWhatItLostAndResumesAtTheNewest()
    {
        var bus = TestBus.Shm();
        using var files = new ShmFiles(bus);
        using var flood = new PeerProcess(bus, "flood", "200000");
        flood.WaitFor("ready");
        var transport = new ShmTransport(bus);
        using var sub = (ShmSubscriber)transport.Subscribe(Services.Get("carState"), conflate: false);
        flood.WriteLine("go");
        flood.WaitFor("done");   // 200k carState (~20 MB of records) into an 8 MB ring while this subscriber read nothing
        var got = new List<float>();
        while (sub.TryReceive(out var msg)) got.Add(PeerEvents.VEgo(MessageReader.ReadFramed(msg).Root));
        Assert.Equal(199_999f, got[^1]);
        Assert.True(sub.Dropped > 0, "the publisher never waits: a subscriber that does not read is overrun");
        Assert.Equal(200_000, got.Count + sub.Dropped);   // every message is either read or counted as lost
        Assert.True(got.Zip(got.Skip(1)).All(p => p.Second == p.First + 1), "after the skip to the newest, messages come in order");
        flood.WriteLine("exit");
    }

    [Fact]
    public void WaitingOnSeveralServicesWakesWhenAnotherProcessPublishesOne()
    {
        var bus = TestBus.Shm();
        using var files = new ShmFiles(bus);
        var transport = new ShmTransport(bus);
        using var other = transport.Subscribe(Services.Get("controlsState"), conflate: false);
        using var car = transport.Subscribe(Services.Get("carState"), conflate: false);
        using var pub = new PeerProcess(bus, "pub", "1000", "20");
        pub.WaitFor("ready");
        ISubscriber[] both = [other, car];
        // Only a futex wake can end these waits early: without one they would time out after 30 s and return false.
        for (int i = 0; i < 5; i++)
        {
            Assert.True(transport.WaitAny(both, 30_000), "no wake-up from the publishing process");
            while (car.TryReceive(out _)) { }
        }
        Assert.False(other.TryReceive(out _));
        Assert.False(transport.WaitAny([other], 100));   // a quiet service's wait times out although carState keeps coming
        Assert.False(transport.WaitAny(Array.Empty<ISubscriber>(), 10));   // nothing to wait on: a plain timed sleep
    }

    [Fact]
    public void MessagesOverTheLimitAreRefusedAndTheLargestAllowedArrivesIntact()
    {
        var bus = TestBus.Shm();
        using var files = new ShmFiles(bus);
        var transport = new ShmTransport(bus);
        using var sub = (ShmSubscriber)transport.Subscribe(Services.Get("logMessage"), conflate: false);
        using var pub = transport.Publish(Services.Get("logMessage"));
        var e = Assert.Throws<ArgumentException>(() => pub.Send(new byte[ShmTransport.MaxMessageBytes + 1]));
        Assert.Contains("MaxMessageBytes", e.Message);
        var largest = new byte[ShmTransport.MaxMessageBytes];
        Random.Shared.NextBytes(largest);
        pub.Send(largest);
        Assert.True(sub.TryRead(out var got));
        Assert.True(got.SequenceEqual(largest));
        Assert.Contains(bus.PortBase.ToString(CultureInfo.InvariantCulture), bus.RingPath("logMessage"));
    }

    [Fact]
    public void PublishingAndSpanReceivingAllocateNothingAfterWarmUp()
    {
        var bus = TestBus.Shm();
        using var files = new ShmFiles(bus);
        var transport = Transports.Open(bus);
        Assert.IsType<ShmTransport>(transport);
        using var sub = (ShmSubscriber)transport.Subscribe(Services.Get("can"), conflate: false);
        using var pub = transport.Publish(Services.Get("can"));
        ISubscriber[] waitOn = [sub];
        var payload = new byte[1024];
        pub.Send(payload);
        transport.WaitAny(waitOn, 1000);
        Assert.True(sub.TryRead(out _));   // warm-up: the read buffer has grown to this size
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            payload[0] = (byte)i;
            pub.Send(payload);
            transport.WaitAny(waitOn, 1000);
            if (sub.TryRead(out var got)) sum += got[0] + got.Length;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Enumerable.Range(0, 10_000).Sum(i => (long)(byte)i + 1024), sum);
    }

    [Fact]
    public void TheBusNamesItsFilesAndTransport()
    {
        var bus = new Bus(Transport.Shm, 9000, "x");
        Assert.Equal(Path.Combine(Bus.SharedMemoryDir, "x-msgq-9000-carState"), bus.RingPath("carState"));
        Assert.Equal(Path.Combine(Bus.SharedMemoryDir, "x-doorbell-9000"), bus.DoorbellPath);
        Assert.Equal("shm://" + bus.RingPath("carState"), bus.Endpoint(Services.Get("carState")));
        Assert.IsType<NetMqTransport>(Transports.Open(new Bus(Transport.Tcp, 9000)));
        var env = new Dictionary<string, string?>();
        bus.ExportTo(env);
        Assert.Equal("shm", env["PILOT_TRANSPORT"]);
        Assert.Equal("9000", env["PILOT_PORT_BASE"]);
    }
}
