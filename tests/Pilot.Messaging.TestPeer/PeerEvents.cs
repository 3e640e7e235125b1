using Pilot.Capnp;
using Pilot.Messaging.Schema;

namespace Pilot.Messaging.TestPeer;

/// <summary>The events the peer and the tests exchange: a carState whose vEgo carries a sequence number.</summary>
public static class PeerEvents
{
    public static MessageBuilder CarState(MessageBuilder m, float vEgo, ulong logMonoTime = 0)
    {
        var ev = EventLayout.InitEvent(m, Services.Get("carState"), logMonoTime);
        ev.InitStruct(EventLayout.Payload, CarStateLayout.DataWords, CarStateLayout.Pointers).WriteFloat32(CarStateLayout.VEgo, vEgo);
        return m;
    }

    public static float VEgo(StructReader carStateEvent) =>
        carStateEvent.ReadStruct(EventLayout.Payload).ReadFloat32(CarStateLayout.VEgo);

    /// <summary>The byte the test pattern has at <paramref name="offset"/> of frame <paramref name="frameId"/>.</summary>
    public static byte Pattern(uint frameId, int offset) => (byte)(frameId * 7 + offset / 4096);
}
