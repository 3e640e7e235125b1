using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Camerad.Tests;

/// <summary>A private in-process bus per test (its own endpoints and shared-memory file) and clock moves for step mode.</summary>
internal static class TestBus
{
    public static Bus Create() => new(Transport.Inproc, Prefix: "camerad-test-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Moves the step transport's clock to <paramref name="nowNs"/> (an Event nobody subscribes to carries the time).</summary>
    public static void AdvanceTo(StepTransport transport, long nowNs) =>
        transport.Inject(Pilot.Messaging.Services.Get("logMessage"), TestBusEvents.Clock(nowNs));
}

internal static class TestBusEvents
{
    /// <summary>A logMessage Event stamped <paramref name="nowNs"/>.</summary>
    public static byte[] Clock(long nowNs)
    {
        var m = new MessageBuilder();
        var ev = new Event.Builder(m.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        ev.SetLogMonoTime((ulong)nowNs);
        ev.InitLogMessage().SetMessage("clock");
        return m.ToFramedArray();
    }
}
