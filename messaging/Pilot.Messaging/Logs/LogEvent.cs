using Pilot.Capnp;
using Pilot.Messaging.Schema;

namespace Pilot.Messaging.Logs;

/// <summary>One Event read from a log: its framed bytes and the header fields, parsed once.</summary>
public sealed class LogEvent
{
    internal LogEvent(ReadOnlyMemory<byte> framed, MessageReader message, string file, long blockOffset)
    {
        Framed = framed;
        Message = message;
        var root = message.Root;
        LogMonoTime = EventLayout.ReadLogMonoTime(root);
        Valid = EventLayout.ReadValid(root);
        Which = EventLayout.ReadWhich(root);
        Service = Services.FromWhich(Which);
        File = file;
        BlockOffset = blockOffset;
    }

    /// <summary>The framed Cap'n Proto message (segment table and segments), as published.</summary>
    public ReadOnlyMemory<byte> Framed { get; }
    public MessageReader Message { get; }
    public StructReader Event => Message.Root;
    /// <summary>The union member's struct (for list members such as can, read <see cref="Event"/> pointer 0).</summary>
    public StructReader Payload => Event.ReadStruct(EventLayout.Payload);
    public ulong LogMonoTime { get; }
    public bool Valid { get; }
    public ushort Which { get; }
    /// <summary>The service of the union member; null for a member this build does not know (a newer writer).</summary>
    public ServiceInfo? Service { get; }
    /// <summary>The log file the event came from and the byte offset of its zstd frame there.</summary>
    public string File { get; }
    public long BlockOffset { get; }

    public override string ToString() => $"{LogMonoTime} {Service?.Name ?? $"member#{Which}"}{(Valid ? "" : " (invalid)")}";
}

/// <summary>Where a log stopped being readable and why; the reader goes on at the next intact zstd frame.</summary>
/// <param name="File">the log file</param>
/// <param name="ByteOffset">offset in the (compressed) file where the damage starts</param>
/// <param name="EventsBefore">complete events read from this file before the damage</param>
/// <param name="Reason">what is wrong</param>
/// <param name="ResumedAt">offset of the next intact frame the reader resumed at, or -1 when nothing after it was readable</param>
public sealed record LogDamage(string File, long ByteOffset, long EventsBefore, string Reason, long ResumedAt)
{
    public override string ToString() =>
        $"{File}: damaged at byte {ByteOffset} after {EventsBefore} events: {Reason}; " +
        (ResumedAt >= 0 ? $"resumed at byte {ResumedAt}" : "nothing readable after it");
}
