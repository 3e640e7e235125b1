using Pilot.Capnp;
using Pilot.Car.Daemon;
using Pilot.Car.Messaging;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;

namespace Pilot.Car.Tests;

/// <summary>card under the process host on real NetMQ sockets (in-process endpoints), with the wall clock.</summary>
public sealed class CardOnTheBusTests
{
    [Fact]
    public async Task CanOnTheBusBecomesCarStateAndSendcan()
    {
        var bus = new NetMqTransport(new Bus(Transport.Inproc, 0, $"card-{Guid.NewGuid():N}"));
        using var pub = new PubMaster(["can", "carControl"], bus);
        var card = new CardDaemon(bus, new CardOptions { Car = "honda_civic" });   // in-process endpoints: bind before connect
        using var sub = new SubMaster(["carState", "sendcan"], transport: bus);
        using var stop = new CancellationTokenSource();
        var host = Task.Run(() => DaemonHost.Run(card, stop.Token));
        var traffic = new CivicTraffic { SpeedKph = 72 };
        var message = new MessageBuilder();
        for (int i = 0; i < 500 && sub["carState"].ReceiveCount < 20; i++)   // subscriptions take a moment to connect
        {
            var frames = traffic.Cycle();
            message.Reset();
            var ev = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
            CanEvents.Write(frames, ev.InitCan(frames.Count));
            pub.Send("can", message);
            await Task.Delay(10);
            sub.Update(0);
        }
        stop.Cancel();
        Assert.Equal(0, await host.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(sub["carState"].ReceiveCount >= 20, $"{sub["carState"].ReceiveCount} carState messages in 5 s");
        Assert.Equal(20f, new Event.Reader(sub["carState"].Event).CarState.VEgoRaw, 3);
        var sent = new List<Pilot.Can.Packing.CanFrame>();
        CanEvents.Read(new Event.Reader(sub["sendcan"].Event).Sendcan, sent);
        Assert.Contains(sent, f => f.Address == 0xE4);   // STEERING_CONTROL every cycle
    }
}
