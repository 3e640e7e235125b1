using Pilot.Bridge.Protocol;
using Pilot.Capnp;
using Pilot.Messaging.Events;
using CanFrame = Pilot.Bridge.Protocol.CanFrame;

namespace Pilot.Bridge.Daemon;

/// <summary>Turns a framed <c>sendcan</c> Event into frames for the device, or says what is wrong with it.</summary>
public static class SendCanMessages
{
    /// <summary>Never throws: a malformed message comes back with <see cref="SendCanBatch.Invalid"/> set and no frames.</summary>
    public static SendCanBatch Parse(byte[] message)
    {
        long monoTimeNs = 0;
        try
        {
            var ev = new Event.Reader(MessageReader.ReadFramed(message).Root);
            monoTimeNs = (long)ev.LogMonoTime;
            if (ev.Which != Event.Which.Sendcan) return Invalid(monoTimeNs, $"an Event of {ev.Which} on sendcan");
            var list = ev.Sendcan;
            var frames = new CanFrame[list.Count];
            for (int i = 0; i < frames.Length; i++)
            {
                var f = list[i];
                if (f.Bus >= Packet.ControlBus) return Invalid(monoTimeNs, $"sendcan frame {i}: bus {f.Bus} is not a CAN bus of the device");
                frames[i] = CanFrame.Create(f.Bus, f.Address, f.Data, f.Extended, f.Fd);
                frames[i].BitrateSwitch = f.BitRateSwitch;
            }
            return new SendCanBatch(monoTimeNs, frames);
        }
        catch (Exception e) when (e is CapnpException or ArgumentException)
        {
            return Invalid(monoTimeNs, $"sendcan: {e.Message}");
        }
    }

    private static SendCanBatch Invalid(long monoTimeNs, string why) => new(monoTimeNs, [], why);
}
