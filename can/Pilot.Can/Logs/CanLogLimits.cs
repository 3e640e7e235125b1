namespace Pilot.Can.Logs;

/// <summary>
/// Limits for reading logs. Threat: a truncated or corrupted recording (or a hostile file) must not make a reader
/// allocate without bound: BLF objects and containers declare their own sizes, text lines can be arbitrarily long.
/// </summary>
public sealed record CanLogLimits
{
    /// <summary>Longest text line accepted (characters): a 64-byte CAN FD ASC line with all its fields is under 600.</summary>
    public int MaxLineLength { get; init; } = 64 * 1024;

    /// <summary>Largest single BLF object, in bytes (a LOG_CONTAINER is typically 128 KiB compressed).</summary>
    public int MaxBlfObjectBytes { get; init; } = 16 << 20;

    /// <summary>Largest uncompressed BLF LOG_CONTAINER payload, in bytes.</summary>
    public int MaxBlfContainerBytes { get; init; } = 64 << 20;

    public static CanLogLimits Default { get; } = new();
}
