using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>y = x * scale (e.g. 1/255 to bring 8-bit pixel values into [0, 1] inside the model).</summary>
public sealed class Rescale(float scale) : Layer
{
    public float Scale { get; } = scale;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        return inputs[0];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        output.Span.Clear();
        Backend.Axpy(Scale, inputs[0].Span, output.Span);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dx) return;
        dx.Span.Clear();
        Backend.Axpy(Scale, dOutput.Span, dx.Span);
    }
}
