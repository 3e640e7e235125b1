using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>Average pooling over KxK windows (stride defaults to K); padded cells are not counted (Keras behaviour).</summary>
public sealed class AvgPool2d(int kernel, int? stride = null, Padding? padding = null) : Layer
{
    private ConvGeometry _g;

    public int KernelSize { get; } = kernel;
    public int Stride { get; } = stride ?? kernel;
    public Padding Padding { get; } = padding ?? Padding.Valid;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        var s = inputs[0];
        _g = ConvGeometry.Create(s[0], s[1], s[2], s[3], KernelSize, KernelSize, Stride, Stride, Padding);
        return [s[0], s[1], _g.OH, _g.OW];
    }

    public override void Forward(Tensor[] inputs, Tensor output) => Backend.AvgPoolForward(inputs[0].Span, output.Span, _g);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is { } dx) Backend.AvgPoolBackward(dOutput.Span, dx.Span, _g);
    }
}
