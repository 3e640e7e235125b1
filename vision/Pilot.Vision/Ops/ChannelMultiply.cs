using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Squeeze-and-excitation scaling (Hu et al. 2018): y[n, c, h, w] = x[n, c, h, w] * s[n, c], inputs (x [N, C, H, W],
/// s [N, C] or [N, C, 1, 1]). Backward: dx = dy * s, ds[n, c] = sum over the plane of dy * x.
/// </summary>
public sealed class ChannelMultiply : Layer
{
    private int _n, _c, _inner;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        Expect(inputs.Count == 2, Name, $"expects (x, scale), got {inputs.Count} inputs");
        var x = inputs[0]; var s = inputs[1];
        Expect(x.Length == 4, Name, $"x must be [N, C, H, W], got {ShapeMath.Format(x)}");
        Expect(s[0] == x[0] && s[1] == x[1] && ShapeMath.PerSample(s) == x[1], Name,
            $"scale {ShapeMath.Format(s)} must be [N, C] matching x {ShapeMath.Format(x)}");
        _n = x[0]; _c = x[1]; _inner = x[2] * x[3];
        return x;
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span; var s = inputs[1].Span; var y = output.Span;
        for (int r = 0; r < _n * _c; r++)
        {
            float k = s[r];
            int o = r * _inner;
            for (int i = o; i < o + _inner; i++) y[i] = x[i] * k;
        }
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        var x = inputs[0].Span; var s = inputs[1].Span; var dy = dOutput.Span;
        for (int r = 0; r < _n * _c; r++)
        {
            int o = r * _inner;
            if (dInputs[0] is { } dx)
                for (int i = o; i < o + _inner; i++) dx.Span[i] = dy[i] * s[r];
            if (dInputs[1] is { } ds)
            {
                double sum = 0;
                for (int i = o; i < o + _inner; i++) sum += dy[i] * x[i];
                ds.Span[r] = (float)sum;
            }
        }
    }
}
