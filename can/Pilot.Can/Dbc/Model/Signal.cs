namespace Pilot.Can.Dbc;

/// <summary>
/// One signal (SG_) of a message: where its bits are, how raw bits scale to a physical value
/// (physical = raw · <see cref="Factor"/> + <see cref="Offset"/>), and its value names.
/// </summary>
public sealed class Signal
{
    internal Signal(string name) => Name = name;

    public string Name { get; }

    /// <summary>Start bit as written in the DBC: the least significant bit for little endian, the most significant for big endian (cantools convention).</summary>
    public int StartBit { get; internal set; }

    /// <summary>Length in bits, 1..64.</summary>
    public int Length { get; internal set; }
    public ByteOrder ByteOrder { get; internal set; }
    public bool IsSigned { get; internal set; }
    public SignalValueType ValueType { get; internal set; }
    public double Factor { get; internal set; } = 1;
    public double Offset { get; internal set; }

    /// <summary>Physical minimum from <c>[min|max]</c>; both 0 means "not specified" (as cantools treats it).</summary>
    public double Minimum { get; internal set; }
    public double Maximum { get; internal set; }
    public string Unit { get; internal set; } = "";
    public IReadOnlyList<string> Receivers { get; internal set; } = [];
    public string? Comment { get; internal set; }

    /// <summary>Value names (VAL_), raw value → name, sorted by value.</summary>
    public IReadOnlyDictionary<long, string> Choices { get; internal set; } = Empty;

    /// <summary>True for a multiplexer switch (<c>M</c> or <c>m&lt;n&gt;M</c>).</summary>
    public bool IsMultiplexer { get; internal set; }

    /// <summary>Name of the multiplexer this signal depends on, or null when the signal is always present.</summary>
    public string? MultiplexerSignal { get; internal set; }

    /// <summary>Multiplexer raw values (inclusive ranges) for which this signal is present; empty when not multiplexed.</summary>
    public IReadOnlyList<(long From, long To)> MultiplexerRanges { get; internal set; } = [];

    /// <summary>True when the multiplexing came from an SG_MUL_VAL_ line (extended multiplexing), so write-back keeps it.</summary>
    public bool HasExtendedMultiplexing { get; internal set; }

    public IReadOnlyDictionary<string, AttributeValue> Attributes => AttributeMap;
    internal Dictionary<string, AttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);

    /// <summary>Index of this signal in <see cref="Message.Signals"/>, which is also its slot in decode/encode spans.</summary>
    public int Index { get; internal set; }

    /// <summary>Position of the least significant bit in the frame, counting bit i of byte b as 8·b + i.</summary>
    public int LsbPosition => ByteOrder == ByteOrder.LittleEndian ? StartBit : Codec.BitLayout.MotorolaLsb(StartBit, Length);

    /// <summary>True when <see cref="Minimum"/>/<see cref="Maximum"/> carry a range (not the 0|0 placeholder).</summary>
    public bool HasRange => Minimum != 0 || Maximum != 0;

    /// <summary>The name of a raw value, or null.</summary>
    public string? ChoiceName(long raw) => Choices.TryGetValue(raw, out var n) ? n : null;

    /// <summary>The physical value of the choice named <paramref name="choiceName"/> (raw · factor + offset); throws when unknown.</summary>
    public double PhysicalOf(string choiceName)
    {
        foreach (var (raw, name) in Choices)
            if (name == choiceName) return raw * Factor + Offset;
        throw new KeyNotFoundException($"signal {Name} has no choice '{choiceName}'");
    }

    internal static readonly IReadOnlyDictionary<long, string> Empty = new SortedDictionary<long, string>();

    public override string ToString() => $"{Name} {StartBit}|{Length}@{(ByteOrder == ByteOrder.LittleEndian ? 1 : 0)}{(IsSigned ? '-' : '+')}";
}
