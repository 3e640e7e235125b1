using Pilot.Capnp;
using Pilot.Car.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Frame = Pilot.Can.Packing.CanFrame;

namespace Pilot.Car.Tests;

/// <summary>Framed Events as the bus carries them, for driving card on a <see cref="StepTransport"/>.</summary>
internal static class BusEvents
{
    public static byte[] Can(long monoNs, IReadOnlyList<Frame> frames) => Build(monoNs, ev => CanEvents.Write(frames, ev.InitCan(frames.Count)));

    public static byte[] CarControl(long monoNs, bool enabled, bool latActive, double torque, bool cancel = false, ulong frameSof = 0) => Build(monoNs, ev =>
    {
        var c = ev.InitCarControl();
        c.SetFrameSofMonoTime(frameSof);
        c.SetEnabled(enabled);
        c.SetLatActive(latActive);
        c.InitActuators().SetTorque((float)torque);
        c.InitCruiseControl().SetCancel(cancel);
    });

    public static Event.Reader Read(Published p) => new(MessageReader.ReadFramed(p.Message).Root);

    private static byte[] Build(long monoNs, Action<Event.Builder> fill)
    {
        var message = new MessageBuilder();
        var ev = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        fill(ev);
        ev.SetLogMonoTime((ulong)monoNs);
        var stream = new MemoryStream();
        message.WriteFramed(stream);
        return stream.ToArray();
    }
}
