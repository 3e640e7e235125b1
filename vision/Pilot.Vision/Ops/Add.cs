using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>Elementwise sum of two or more same-shaped inputs (residual merges); every input gets dy.</summary>
public sealed class Add : Layer
{
    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        Expect(inputs.Count >= 2, Name, $"expects at least 2 inputs, got {inputs.Count}");
        foreach (var s in inputs)
            Expect(ShapeMath.Same(s, inputs[0]), Name, $"input {ShapeMath.Format(s)} differs from {ShapeMath.Format(inputs[0])}");
        return inputs[0];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        Backend.Add(inputs[0].Span, inputs[1].Span, output.Span);
        for (int i = 2; i < inputs.Length; i++) Backend.Axpy(1f, inputs[i].Span, output.Span);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        foreach (var dx in dInputs)
            if (dx is not null) dOutput.Span.CopyTo(dx.Span);
    }
}
