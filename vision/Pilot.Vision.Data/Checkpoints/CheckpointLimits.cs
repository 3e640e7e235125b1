namespace Pilot.Vision.Data.Checkpoints;

/// <summary>
/// Bounds on what a checkpoint header may declare. Threat: a corrupt header must not make the reader allocate or
/// loop without bound before the checksums get a chance to reject it.
/// </summary>
public sealed record CheckpointLimits
{
    /// <summary>Largest header (metadata and tensor table), in bytes. Default 16 MiB.</summary>
    public int MaxHeaderBytes { get; init; } = 16 << 20;

    /// <summary>Most tensors in one file. Default 100,000 (a large network with optimiser state has a few thousand).</summary>
    public int MaxTensors { get; init; } = 100_000;

    /// <summary>Most metadata entries. Default 10,000.</summary>
    public int MaxMetadataEntries { get; init; } = 10_000;

    /// <summary>Most dimensions of one tensor. Default 8.</summary>
    public int MaxRank { get; init; } = 8;

    public static CheckpointLimits Default { get; } = new();
}
