using Pilot.Vision.Data.Augmentation;

namespace Pilot.Vision.Data.Loading;

/// <summary>How a <see cref="BatchLoader"/> batches (defaults as PyTorch's DataLoader with shuffle on).</summary>
public sealed record BatchLoaderOptions
{
    public int BatchSize { get; init; } = 64;

    /// <summary>Reshuffle the sample order every epoch (the order depends only on <see cref="Seed"/> and the epoch).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Skip the last batch when it would be smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    public ulong Seed { get; init; }

    /// <summary>Batches filled ahead on a background thread (0: fill on the caller's thread when asked).</summary>
    public int Prefetch { get; init; } = 2;

    /// <summary>Applied to every sample after copying, with a random stream fixed by (seed, epoch, position).</summary>
    public Augmenter? Augment { get; init; }
}
