using Pilot.Can.Codec;

namespace Pilot.Can.Dbc;

/// <summary>
/// One message (BO_): id, length, senders, signals and attributes, with its codec compiled at load time.
/// Decode/encode through <see cref="Codec"/> (span based, allocation-free) or the dictionary helpers here.
/// </summary>
public sealed class Message
{
    internal Message(string name, uint frameId, bool isExtended, int length)
    {
        Name = name;
        FrameId = frameId;
        IsExtended = isExtended;
        Length = length;
    }

    public string Name { get; }

    /// <summary>The arbitration id without the DBC extended flag (bit 31): 11 or 29 bits.</summary>
    public uint FrameId { get; }

    /// <summary>True for a 29-bit id: DBC bit 31 set, or an id above 0x7FF.</summary>
    public bool IsExtended { get; }

    /// <summary>The id as a DBC file writes it (bit 31 set for extended frames).</summary>
    public uint DbcId => IsExtended ? FrameId | 0x8000_0000u : FrameId;

    /// <summary>Payload length in bytes (0..64).</summary>
    public int Length { get; }
    public IReadOnlyList<string> Senders { get; internal set; } = [];
    public IReadOnlyList<Signal> Signals => SignalList;
    internal List<Signal> SignalList { get; } = [];
    public string? Comment { get; internal set; }
    public IReadOnlyList<SignalGroup> SignalGroups => SignalGroupList;
    internal List<SignalGroup> SignalGroupList { get; } = [];
    public IReadOnlyDictionary<string, AttributeValue> Attributes => AttributeMap;
    internal Dictionary<string, AttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);

    /// <summary>True for a CAN FD frame: VFrameFormat names an FD format, or the length exceeds 8 bytes.</summary>
    public bool IsFd { get; internal set; }

    /// <summary>Send period in milliseconds from GenMsgCycleTime (value or positive default), or null when the DBC gives none.</summary>
    public double? CycleTimeMs { get; internal set; }

    /// <summary>The codec compiled for this message when the database was loaded.</summary>
    public MessageCodec Codec { get; internal set; } = null!;

    private Dictionary<string, Signal>? _byName;

    /// <summary>The signal named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public Signal GetSignal(string name) => TryGetSignal(name, out var s) ? s
        : throw new KeyNotFoundException($"message {Name} has no signal '{name}'");

    public bool TryGetSignal(string name, out Signal signal)
    {
        _byName ??= SignalList.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byName.TryGetValue(name, out signal!);
    }

    /// <summary>Decodes <paramref name="data"/> to physical values by signal name, honouring multiplexing (like cantools' decode).</summary>
    public Dictionary<string, double> Decode(ReadOnlySpan<byte> data) => Codec.DecodeToDictionary(data);

    /// <summary>Encodes physical values by signal name into a new frame of <see cref="Length"/> bytes; missing signals encode as raw 0.</summary>
    public byte[] Encode(IReadOnlyDictionary<string, double> values, EncodeMode mode = EncodeMode.Strict) => Codec.Encode(values, mode);

    public override string ToString() => $"{Name} 0x{FrameId:X}{(IsExtended ? "x" : "")} [{Length}]";
}
