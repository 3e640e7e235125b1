using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Reshape to [N, shape...] (the same elements in the same order); with no shape it flattens to [N, C*H*W].
/// One dimension may be -1 and is inferred.
/// </summary>
public class Reshape(params int[] sampleShape) : Layer
{
    public override string Kind => sampleShape.Length == 0 ? "Flatten" : "Reshape";

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        int per = ShapeMath.PerSample(inputs[0]);
        if (sampleShape.Length == 0) return [inputs[0][0], per];
        var shape = (int[])sampleShape.Clone();
        int unknown = Array.IndexOf(shape, -1);
        if (unknown >= 0)
        {
            int known = shape.Where(d => d != -1).Aggregate(1, (a, d) => a * d);
            Expect(known > 0 && per % known == 0, Name, $"cannot infer -1 in {ShapeMath.Format(shape)} from {per} elements");
            shape[unknown] = per / known;
        }
        Expect(ShapeMath.Count(shape) == per, Name, $"{ShapeMath.Format(shape)} does not hold the {per} elements of {ShapeMath.Format(inputs[0])}");
        return [inputs[0][0], .. shape];
    }

    public override void Forward(Tensor[] inputs, Tensor output) => inputs[0].Span.CopyTo(output.Span);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is { } dx) dOutput.Span.CopyTo(dx.Span);
    }
}

/// <summary>[N, C, H, W] -> [N, C*H*W].</summary>
public sealed class Flatten() : Reshape();
