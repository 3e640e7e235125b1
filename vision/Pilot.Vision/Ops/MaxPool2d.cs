using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Max pooling over KxK windows (stride defaults to K; a smaller stride gives AlexNet's overlapping pooling).
/// Forward records the argmax of every window; backward routes each gradient to it, summing where windows overlap.
/// </summary>
public sealed class MaxPool2d(int kernel, int? stride = null, Padding? padding = null) : Layer
{
    private ConvGeometry _g;
    private int[] _argmax = [];  // [N, C, OH, OW] flat input index of each window's max

    public int KernelSize { get; } = kernel;
    public int Stride { get; } = stride ?? kernel;
    public Padding Padding { get; } = padding ?? Padding.Valid;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        var s = inputs[0];
        _g = ConvGeometry.Create(s[0], s[1], s[2], s[3], KernelSize, KernelSize, Stride, Stride, Padding);
        _argmax = new int[s[0] * s[1] * _g.OutputPlane];
        return [s[0], s[1], _g.OH, _g.OW];
    }

    public override void Forward(Tensor[] inputs, Tensor output) => Backend.MaxPoolForward(inputs[0].Span, output.Span, _argmax, _g);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is { } dx) Backend.MaxPoolBackward(dOutput.Span, _argmax, dx.Span);
    }
}
