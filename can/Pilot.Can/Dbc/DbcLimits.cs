namespace Pilot.Can.Dbc;

/// <summary>
/// Limits applied while reading a DBC file. Threat: a corrupted or hostile file (DBCs are downloaded from forums and
/// fork repositories) must not make the loader allocate without bound or recurse forever. Every error raised for a
/// limit names the option. The defaults are far above anything in opendbc or cantools' corpus (the largest file,
/// ford_lincoln_base_pt.dbc, is 0.8 MB with 300 signals in its largest message).
/// </summary>
public sealed record DbcLimits
{
    /// <summary>Largest file accepted, in bytes (64 MiB).</summary>
    public int MaxFileBytes { get; init; } = 64 << 20;

    /// <summary>Longest single token (identifier, number or quoted string, e.g. a multi-line comment), in characters.</summary>
    public int MaxTokenLength { get; init; } = 1 << 20;

    /// <summary>Most messages (BO_) in one database.</summary>
    public int MaxMessages { get; init; } = 1 << 16;

    /// <summary>Most signals in one message: 512 one-bit signals fill a 64-byte CAN FD frame; multiplexing can overlay more.</summary>
    public int MaxSignalsPerMessage { get; init; } = 4096;

    /// <summary>Most value descriptions (choices) in one VAL_/VAL_TABLE_ statement.</summary>
    public int MaxChoices { get; init; } = 1 << 16;

    /// <summary>Deepest chain of <c>CM_ "IMPORT file";</c> (opendbc's generator uses one level).</summary>
    public int MaxImportDepth { get; init; } = 8;

    /// <summary>The defaults.</summary>
    public static DbcLimits Default { get; } = new();
}
