namespace Pilot.Vision.Data.Loading;

/// <summary>
/// One batch buffer, allocated once by the <see cref="BatchLoader"/> and refilled for later batches: its contents
/// are valid until the loader is asked for the next batch. Only the first <see cref="Count"/> rows are filled.
/// </summary>
public sealed class Batch
{
    /// <summary>[Capacity, Channels, Height, Width]; rows ≥ <see cref="Count"/> hold stale data.</summary>
    public float[] InputBuffer { get; }

    /// <summary>[Capacity]; entries ≥ <see cref="Count"/> hold stale data.</summary>
    public int[] LabelBuffer { get; }

    /// <summary>[Capacity]: which source sample each row came from (for debugging and per-sample bookkeeping).</summary>
    public int[] SampleIndexBuffer { get; }

    public int Capacity { get; }
    public int SampleSize { get; }

    /// <summary>Rows filled: the batch size, or fewer for a last partial batch.</summary>
    public int Count { get; internal set; }

    public int Epoch { get; internal set; }

    /// <summary>Position of this batch in its epoch, from 0.</summary>
    public int Index { get; internal set; }

    /// <summary>The filled inputs, [Count, Channels, Height, Width].</summary>
    public Span<float> Inputs => InputBuffer.AsSpan(0, Count * SampleSize);

    public Span<int> Labels => LabelBuffer.AsSpan(0, Count);

    public Span<int> SampleIndices => SampleIndexBuffer.AsSpan(0, Count);

    internal float[] Scratch { get; }   // [SampleSize] for augmentation

    internal Batch(int capacity, int sampleSize)
    {
        Capacity = capacity;
        SampleSize = sampleSize;
        InputBuffer = new float[checked(capacity * sampleSize)];
        LabelBuffer = new int[capacity];
        SampleIndexBuffer = new int[capacity];
        Scratch = new float[sampleSize];
    }
}
