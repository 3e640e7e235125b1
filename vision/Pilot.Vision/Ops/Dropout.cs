using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): in training each element is kept with probability 1 - rate and
/// scaled by 1 / (1 - rate), so evaluation is the identity. The mask (0 or the scale) is kept for backward.
/// </summary>
public sealed class Dropout(float rate) : Layer
{
    private Tensor _mask = null!;  // [N, ...] 0 or 1/(1-rate)
    private Random _random = null!;

    public float Rate { get; } = rate >= 0 && rate < 1 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout rate must be in [0, 1)");

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 0, Name);
        _mask = ctx.Activations.Request(Name + ".mask", inputs[0]);
        _random = ctx.NewLayerRandom();
        return inputs[0];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span;
        var y = output.Span;
        if (!Training || Rate == 0) { x.CopyTo(y); return; }
        var mask = _mask.Span;
        float scale = 1 / (1 - Rate);
        for (int i = 0; i < x.Length; i++)
        {
            mask[i] = _random.NextSingle() >= Rate ? scale : 0;
            y[i] = x[i] * mask[i];
        }
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dxT) return;
        var dy = dOutput.Span;
        var dx = dxT.Span;
        if (!Training || Rate == 0) { dy.CopyTo(dx); return; }
        var mask = _mask.Span;
        for (int i = 0; i < dy.Length; i++) dx[i] = dy[i] * mask[i];
    }
}
