using Pilot.Capnp;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Schema;

namespace Pilot.Messaging.Logs;

/// <summary>What initData records about the recording: software and device identity.</summary>
public sealed record RecordingInfo(string Version = "0.1", string GitCommit = "", string GitBranch = "", string DongleId = "",
    ushort DeviceType = 1 /* InitData.DeviceType.pc */);

/// <summary>Builds the events the logger itself writes: initData, sentinels and the video index.</summary>
internal static class SegmentEvents
{
    public static byte[] InitData(ulong logMonoTime, RecordingInfo info, string route, int segment)
    {
        var m = new MessageBuilder(256);
        var ev = EventLayout.InitEvent(m, Services.Get("initData"), logMonoTime);
        var d = ev.InitStruct(EventLayout.Payload, EventLayout.InitData.DataWords, EventLayout.InitData.Pointers);
        d.WriteUInt64(EventLayout.InitData.WallTimeNanos, (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        d.WriteUInt64(EventLayout.InitData.MonoTimeNanos, (ulong)MonoClock.NowNs());
        d.WriteUInt32(EventLayout.InitData.SegmentNumber, (uint)segment);
        d.WriteUInt16(EventLayout.InitData.DeviceType, info.DeviceType);
        d.SetText(EventLayout.InitData.Version, info.Version);
        d.SetText(EventLayout.InitData.GitCommit, info.GitCommit);
        d.SetText(EventLayout.InitData.GitBranch, info.GitBranch);
        d.SetText(EventLayout.InitData.KernelVersion, Environment.OSVersion.VersionString);
        d.SetText(EventLayout.InitData.DongleId, info.DongleId);
        d.SetText(EventLayout.InitData.RouteName, route);
        return m.ToFramedArray();
    }

    public static byte[] Sentinel(ulong logMonoTime, SentinelType type, int signal = 0)
    {
        var m = new MessageBuilder(16);
        var ev = EventLayout.InitEvent(m, Services.Get("sentinel"), logMonoTime);
        var s = ev.InitStruct(EventLayout.Payload, EventLayout.Sentinel.DataWords, EventLayout.Sentinel.Pointers);
        s.WriteUInt16(EventLayout.Sentinel.Type, (ushort)type);
        s.WriteInt32(EventLayout.Sentinel.Signal, signal);
        return m.ToFramedArray();
    }

    public static byte[] EncodeIndex(ulong logMonoTime, uint frameId, uint encodeId, int segment, uint packet, ulong sof, ulong eof, bool keyframe)
    {
        var m = new MessageBuilder(16);
        var ev = EventLayout.InitEvent(m, Services.Get("roadEncodeIdx"), logMonoTime);
        var x = ev.InitStruct(EventLayout.Payload, EventLayout.EncodeIndex.DataWords, EventLayout.EncodeIndex.Pointers);
        x.WriteUInt32(EventLayout.EncodeIndex.FrameId, frameId);
        x.WriteUInt32(EventLayout.EncodeIndex.EncodeId, encodeId);
        x.WriteInt32(EventLayout.EncodeIndex.SegmentNumber, segment);
        x.WriteUInt32(EventLayout.EncodeIndex.SegmentId, packet);
        x.WriteUInt64(EventLayout.EncodeIndex.TimestampSof, sof);
        x.WriteUInt64(EventLayout.EncodeIndex.TimestampEof, eof);
        x.WriteBool(EventLayout.EncodeIndex.KeyframeBit, keyframe);
        return m.ToFramedArray();
    }
}
