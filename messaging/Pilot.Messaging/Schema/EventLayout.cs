using Pilot.Capnp;

namespace Pilot.Messaging.Schema;

/// <summary>
/// Where the Event envelope and the few payloads messaging itself writes (initData, sentinel, roadEncodeIdx,
/// roadCameraState) keep their fields: the offsets the reference compiler assigns to log.capnp
/// (<c>capnp compile -o- log.capnp | capnp decode schema.capnp CodeGeneratorRequest</c>; a test compares them).
/// Data offsets are in units of the field's size, bool offsets in bits, pointers by index.
/// Kept to this one file so it can give way to the generated code for log.capnp.
/// </summary>
public static class EventLayout
{
    // Event: 2 data words, 1 pointer (the union member).
    public const int DataWords = 2, Pointers = 1;
    public const int LogMonoTime = 0;        // UInt64 @ bytes 0..7
    public const int ValidBit = 64;          // Bool @ bit 64, default true
    public const int Which = 5;              // UInt16 union discriminant @ bytes 10..11
    public const int Payload = 0;            // every union member is pointer 0

    /// <summary>
    /// Starts an Event for <paramref name="service"/> as the root of <paramref name="message"/>. The builder is reset first:
    /// a publisher reuses one builder per message without growing it (InitRoot alone would leave the old event as garbage).
    /// </summary>
    public static StructBuilder InitEvent(MessageBuilder message, ServiceInfo service, ulong logMonoTime = 0, bool valid = true)
    {
        message.Reset();
        var root = message.InitRoot(DataWords, Pointers);
        root.WriteUInt16(Which, service.Which);
        Stamp(root, logMonoTime, valid);
        return root;
    }

    /// <summary>Sets the header fields a publisher owns.</summary>
    public static void Stamp(StructBuilder root, ulong logMonoTime, bool valid)
    {
        root.WriteUInt64(LogMonoTime, logMonoTime);
        root.WriteBool(ValidBit, valid, defaultValue: true);
    }

    public static ulong ReadLogMonoTime(StructReader ev) => ev.ReadUInt64(LogMonoTime);
    public static bool ReadValid(StructReader ev) => ev.ReadBool(ValidBit, defaultValue: true);
    public static ushort ReadWhich(StructReader ev) => ev.ReadUInt16(Which);

    /// <summary>InitData: 3 data words, 7 pointers.</summary>
    public static class InitData
    {
        public const int DataWords = 3, Pointers = 7;
        public const int WallTimeNanos = 0, MonoTimeNanos = 1;   // UInt64
        public const int SegmentNumber = 5;                      // UInt32
        public const int DeviceType = 8;                         // UInt16 enum (InitData.DeviceType)
        public const int Version = 0, GitCommit = 1, GitBranch = 2, KernelVersion = 3, DongleId = 4, RouteName = 5, Params = 6;
    }

    /// <summary>Sentinel: 1 data word.</summary>
    public static class Sentinel
    {
        public const int DataWords = 1, Pointers = 0;
        public const int Type = 0;      // UInt16 enum: endOfSegment 0, endOfRoute 1, startOfSegment 2, startOfRoute 3
        public const int Signal = 1;    // Int32
    }

    /// <summary>EncodeIndex: 5 data words.</summary>
    public static class EncodeIndex
    {
        public const int DataWords = 5, Pointers = 0;
        public const int FrameId = 0, EncodeId = 2, SegmentNumber = 3, SegmentId = 4, Length = 5;   // UInt32 / Int32
        public const int Type = 2;                                     // UInt16 enum: h264 0, hevc 1
        public const int TimestampSof = 3, TimestampEof = 4;           // UInt64
        public const int KeyframeBit = 48;
    }

    /// <summary>FrameData (roadCameraState): 7 data words, 1 pointer.</summary>
    public static class FrameData
    {
        public const int DataWords = 7, Pointers = 1;
        public const int FrameId = 0, Width = 1, Height = 6;           // UInt32
        public const int TimestampSof = 1, TimestampEof = 2;           // UInt64
        public const int Sensor = 26;                                  // UInt16 enum (video = 3)
    }
}

/// <summary>CarState of car.capnp (7 data words, 3 pointers): the fields the tests and benchmarks stamp.</summary>
public static class CarStateLayout
{
    public const int DataWords = 7, Pointers = 3;
    public const int VEgo = 0, AEgo = 1;   // Float32
}

/// <summary>Sentinel.Type of log.capnp.</summary>
public enum SentinelType : ushort { EndOfSegment = 0, EndOfRoute = 1, StartOfSegment = 2, StartOfRoute = 3 }
