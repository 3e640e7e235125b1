namespace Pilot.Vision.Models;

/// <summary>A model that is a plain chain of layers (Keras Sequential): each layer reads the previous one's output.</summary>
public sealed class Sequential : Model
{
    public Sequential(int batch, int[] sampleShape, params Layer[] layers) : base(batch, sampleShape)
    {
        foreach (var layer in layers) Add(layer);
    }
}
