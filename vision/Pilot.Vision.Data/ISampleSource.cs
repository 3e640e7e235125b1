namespace Pilot.Vision.Data;

/// <summary>Labelled samples of one CHW shape, addressable by index; what the batch loader draws from.</summary>
public interface ISampleSource
{
    int Count { get; }
    int Channels { get; }
    int Height { get; }
    int Width { get; }

    /// <summary>Copies sample <paramref name="index"/> (Channels × Height × Width floats) into
    /// <paramref name="destination"/> and returns its class label.</summary>
    int CopySample(int index, Span<float> destination);
}
