using Pilot.Capnp;
using Pilot.Messaging.Schema;
using Pilot.Messaging.TestPeer;

namespace Pilot.Messaging.Tests;

/// <summary>Events for the log tests, stamped with log time.</summary>
internal static class LogTestEvents
{
    public static byte[] CarState(int i, ulong t) => PeerEvents.CarState(new MessageBuilder(), i, t).ToFramedArray();

    public static byte[] ModelV2(ulong t)
    {
        var m = new MessageBuilder();
        EventLayout.InitEvent(m, Services.Get("modelV2"), t).InitStruct(EventLayout.Payload, 1, 0);
        return m.ToFramedArray();
    }

    /// <summary>A logMessage carrying <paramref name="chars"/> random characters (compresses poorly: fills disks fast).</summary>
    public static byte[] NoisyLogMessage(ulong t, int chars, Random rng)
    {
        var m = new MessageBuilder();
        var text = new char[chars];
        for (int i = 0; i < chars; i++) text[i] = (char)rng.Next(33, 127);
        EventLayout.InitEvent(m, Services.Get("logMessage"), t).InitStruct(EventLayout.Payload, 1, 2).SetText(1, new string(text));
        return m.ToFramedArray();
    }

    public static float VEgo(Logs.LogEvent e) => PeerEvents.VEgo(e.Event);
}
