using Pilot.Vision.Tensors;

namespace Pilot.Vision.Models;

/// <summary>A value in a model graph: the model input, or a layer applied to earlier nodes.</summary>
public sealed class Node
{
    internal Node(Model model, Layer? layer, Node[] inputs, int index)
    {
        Model = model; Layer = layer; Inputs = inputs; Index = index;
    }

    public Model Model { get; }
    public Layer? Layer { get; }            // null for the model input
    public Node[] Inputs { get; }
    public int Index { get; }               // position in the model's topological order
    public int[] Shape { get; internal set; } = [];  // [N, ...] once built

    internal Tensor Output = null!;         // [N, ...]
    internal Tensor Grad = null!;           // d loss / d Output, summed over consumers; null for the input
    internal Tensor[] InputTensors = [];    // the inputs' outputs, in order
    internal Tensor?[] InputGrads = [];     // where this layer's backward writes each input's gradient (null: not needed)
    internal readonly List<Tensor> FanOutGrads = [];  // one per consumer when there are several; summed into Grad
}
