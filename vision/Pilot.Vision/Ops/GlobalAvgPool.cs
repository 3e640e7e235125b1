using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>Mean over each channel's whole plane: [N, C, H, W] -> [N, C] (an average pool with one H x W window).</summary>
public sealed class GlobalAvgPool : Layer
{
    private ConvGeometry _g;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        var s = inputs[0];
        _g = ConvGeometry.Create(s[0], s[1], s[2], s[3], s[2], s[3], 1, 1, Padding.Valid);
        return [s[0], s[1]];
    }

    public override void Forward(Tensor[] inputs, Tensor output) => Backend.AvgPoolForward(inputs[0].Span, output.Span, _g);

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is { } dx) Backend.AvgPoolBackward(dOutput.Span, dx.Span, _g);
    }
}
