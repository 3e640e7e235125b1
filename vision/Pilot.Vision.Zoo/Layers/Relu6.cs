using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Zoo.Layers;

/// <summary>
/// min(max(x, 0), 6) (MobileNet v1/v2: the clamp keeps activations in a range low-precision inference represents
/// well). The engine's activation set has no clamp, so it lives here; gradient 1 on (0, 6), 0 elsewhere.
/// </summary>
public sealed class Relu6 : Layer
{
    public const float Ceiling = 6f;

    public override string Kind => "Relu6";

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        return inputs[0];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span; var y = output.Span;
        for (int i = 0; i < x.Length; i++) y[i] = Math.Clamp(x[i], 0f, Ceiling);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dxT) return;
        var x = inputs[0].Span; var dy = dOutput.Span; var dx = dxT.Span;
        for (int i = 0; i < x.Length; i++) dx[i] = x[i] > 0 && x[i] < Ceiling ? dy[i] : 0;
    }
}
