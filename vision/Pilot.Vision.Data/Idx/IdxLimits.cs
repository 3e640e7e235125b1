namespace Pilot.Vision.Data.Idx;

/// <summary>
/// Bounds on what an IDX header may declare before the reader allocates. Threat: a corrupt or hostile header
/// (e.g. dimensions 0x7FFFFFFF) would otherwise make the reader allocate gigabytes or read far past the data.
/// </summary>
public sealed record IdxLimits
{
    /// <summary>Largest data payload accepted, in bytes. Default 1 GiB (Fashion-MNIST's train images are 47 MB).</summary>
    public long MaxPayloadBytes { get; init; } = 1L << 30;

    /// <summary>Most dimensions accepted (the format allows 255; MNIST-style files use 1 to 3).</summary>
    public int MaxDimensions { get; init; } = 8;

    /// <summary>
    /// For gzip files, the largest accepted ratio of declared payload to compressed file length. Deflate cannot
    /// expand by more than about 1032:1, so a header declaring more than that is corrupt and is refused before
    /// anything is allocated.
    /// </summary>
    public long MaxCompressionRatio { get; init; } = 1032;

    public static IdxLimits Default { get; } = new();
}
