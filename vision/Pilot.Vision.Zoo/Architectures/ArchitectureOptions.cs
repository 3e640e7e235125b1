namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// What every builder takes (Keras Applications / torchvision style). Defaults give the published network:
/// 1000 ImageNet classes, the family's input size, the classifier on top, full width.
/// </summary>
public sealed record ArchitectureOptions
{
    public int Classes { get; init; } = 1000;
    /// <summary>Square input side in pixels; null: the family's own (224, 227 for the original AlexNet, 299 for Xception, 32 for LeNet).</summary>
    public int? InputSize { get; init; }
    public int InputChannels { get; init; } = 3;
    /// <summary>False drops the classifier and ends at the last feature map (transfer learning attaches its own head).</summary>
    public bool IncludeTop { get; init; } = true;
    /// <summary>Multiplies every channel count and hidden classifier width (MobileNet's alpha; small values make tiny test networks).</summary>
    public float Width { get; init; } = 1f;
    /// <summary>GoogLeNet: keep the two auxiliary classifiers (loss weight 0.3 each) in training graphs.</summary>
    public bool AuxClassifiers { get; init; } = true;

    /// <summary>A channel count scaled by <see cref="Width"/>, at least 1.</summary>
    public int Ch(int channels) => Math.Max(1, (int)Math.Round(channels * Width));

    /// <summary>torchvision's _make_divisible: channels scaled by width, rounded to a multiple of 8, never more than 10% below.</summary>
    public int Divisible(int channels, int divisor = 8)
    {
        float v = channels * Width;
        int r = Math.Max(divisor, (int)(v + divisor / 2f) / divisor * divisor);
        return r < 0.9f * v ? r + divisor : r;
    }

    public int Side(int familyDefault) => InputSize ?? familyDefault;
}
