using Pilot.Capnp;
using Pilot.Controls.Daemon;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;

namespace Pilot.Controls.Tests;

/// <summary>controlsd as a process runs it: DaemonHost's timed loop on NetMQ sockets.</summary>
public sealed class BusTests
{
    private const int PortBase = 27400;   // a bus of its own, away from the default 8100 and other tests

    [Fact]
    public async Task PublishesOnTheBusAndWaitsForCarParams()
    {
        var transport = new NetMqTransport(new Bus(PortBase: PortBase));
        using var stop = new CancellationTokenSource();
        using var selfdrive = transport.Subscribe(Pilot.Messaging.Services.Get("selfdriveState"), conflate: false);
        var host = Task.Run(() => DaemonHost.Run(new Controlsd(transport, new ControlsdOptions()), stop.Token));
        var received = new List<SelfdriveState.Reader>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < 20 && DateTime.UtcNow < deadline)
        {
            transport.WaitAny([selfdrive], 100);
            while (selfdrive.TryReceive(out var bytes))
            {
                var ev = new Event.Reader(MessageReader.ReadFramed(bytes).Root);
                Assert.False(ev.Valid);   // carParams and every other input missing
                received.Add(ev.SelfdriveState);
            }
        }
        stop.Cancel();
        Assert.Equal(0, await host.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(received.Count >= 20, $"only {received.Count} selfdriveState messages");
        Assert.All(received, s => Assert.Equal(SelfdriveState.State.Disabled, s.State));
        Assert.Equal("Waiting for Car Parameters", received[^1].AlertText1);
    }
}
