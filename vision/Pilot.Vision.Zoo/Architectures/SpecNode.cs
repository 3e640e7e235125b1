using Pilot.Vision.Models;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// One layer of an architecture, known without building it: its output shape per sample ([C, H, W] or [D]), its
/// parameter count and multiply-adds per sample (from the layer's formula), the floats it keeps for backward beyond
/// its output (im2col columns, normalised inputs, masks), and a factory for the engine layer.
/// </summary>
public sealed class SpecNode
{
    internal SpecNode(int index, string name, string kind, int[] shape, long parameters, long multiplyAdds, long savedFloats,
        SpecNode[] inputs, Func<Layer>? create)
    {
        Index = index; Name = name; Kind = kind; Shape = shape; Parameters = parameters; MultiplyAdds = multiplyAdds;
        SavedFloats = savedFloats; Inputs = inputs; Create = create;
    }

    public int Index { get; }
    public string Name { get; }
    public string Kind { get; }
    public int[] Shape { get; }           // per sample: [C, H, W] or [D]
    public long Parameters { get; }
    public long MultiplyAdds { get; }     // per sample
    public long SavedFloats { get; }      // per sample, kept by the engine layer for backward (besides output and its gradient)
    public SpecNode[] Inputs { get; }
    internal Func<Layer>? Create { get; } // null for the input

    public long OutputFloats => Shape.Aggregate(1L, (a, d) => a * d);
    public int Channels => Shape[0];
    public int Height => Shape[1];
    public int Width => Shape[2];
}
