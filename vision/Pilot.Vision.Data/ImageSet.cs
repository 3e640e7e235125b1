namespace Pilot.Vision.Data;

/// <summary>
/// Labelled images held in memory as one contiguous float32 block: <see cref="Images"/> is [Count, Channels, Height,
/// Width], values 0..1 (unless a caller normalised them), <see cref="Labels"/> is [Count] class indices.
/// </summary>
public sealed class ImageSet : ISampleSource
{
    public float[] Images { get; }      // [Count, Channels, Height, Width]
    public int[] Labels { get; }        // [Count], 0 ≤ label < ClassNames.Count
    public int Count { get; }
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Floats per image (Channels × Height × Width).</summary>
    public int SampleSize => Channels * Height * Width;

    public ImageSet(float[] images, int[] labels, int channels, int height, int width, IReadOnlyList<string> classNames)
    {
        if (channels <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"image shape [{channels}, {height}, {width}] must be positive");
        if (images.Length != (long)labels.Length * channels * height * width)
            throw new ArgumentException(
                $"{images.Length} floats do not hold {labels.Length} images of [{channels}, {height}, {width}]");
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classNames.Count)
                throw new ArgumentException($"label {labels[i]} of image {i} is outside the {classNames.Count} classes");
        Images = images;
        Labels = labels;
        Count = labels.Length;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
    }

    /// <summary>Image <paramref name="index"/> as a CHW view into <see cref="Images"/>.</summary>
    public Span<float> Image(int index) => Images.AsSpan(checked(index * SampleSize), SampleSize);

    /// <summary>A new set holding copies of the images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Subset(ReadOnlySpan<int> indices)
    {
        var images = GC.AllocateUninitializedArray<float>(checked(indices.Length * SampleSize));
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
            labels[i] = CopySample(indices[i], images.AsSpan(i * SampleSize, SampleSize));
        return new ImageSet(images, labels, Channels, Height, Width, ClassNames);
    }

    /// <summary>
    /// Splits off a random <paramref name="validationFraction"/> of the images as a validation set (Keras'
    /// validation_split), fixed by <paramref name="seed"/>; both parts keep the original relative order.
    /// </summary>
    public (ImageSet Train, ImageSet Validation) Split(double validationFraction, ulong seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be between 0 and 1 (exclusive)");
        var order = Enumerable.Range(0, Count).ToArray();
        new Rng(seed).Shuffle(order);
        int validation = (int)Math.Round(Count * validationFraction);
        var validationIndices = order[..validation];
        var trainIndices = order[validation..];
        Array.Sort(validationIndices);
        Array.Sort(trainIndices);
        return (Subset(trainIndices), Subset(validationIndices));
    }

    public int CopySample(int index, Span<float> destination)
    {
        Image(index).CopyTo(destination);
        return Labels[index];
    }
}
