using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Max pooling over KxK windows (stride defaults to K; a smaller stride gives AlexNet's overlapping pooling).
/// Forward records the argmax of every window; backward routes each gradient to it, summing where windows overlap.
/// </summary>
public sealed class MaxPool2d(int kernel, int? stride = null, Padding? padding = null) : Pool2d(kernel, stride, padding)
{
    private int[] _argmax = [];  // [N, C, OH, OW] flat input index of each window's max

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        var shape = base.OnBuild(inputs, ctx);
        _argmax = new int[ShapeMath.Count(shape)];
        return shape;
    }

    public override void Forward(Tensor[] inputs, Tensor output) => Backend.MaxPoolForward(inputs[0].Span, output.Span, _argmax, G);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is { } dx) Backend.MaxPoolBackward(dOutput.Span, _argmax, dx.Span);
    }
}
