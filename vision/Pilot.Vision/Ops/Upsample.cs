using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

public enum UpsampleMode { Nearest, Bilinear }

/// <summary>
/// Integer-factor upsampling of [N, C, H, W]. Nearest copies each pixel into a factor x factor block; bilinear uses
/// PyTorch's align_corners=False mapping (source = (dst + 0.5) / factor - 0.5, clamped at the border). Backward
/// scatters each output gradient back with the same weights.
/// </summary>
public sealed class Upsample(int factor, UpsampleMode mode = UpsampleMode.Nearest) : Layer
{
    private int _planes, _h, _w, _oh, _ow;

    public int Factor { get; } = factor;
    public UpsampleMode Mode { get; } = mode;

    public override string Kind => Mode == UpsampleMode.Nearest ? "UpsampleNearest" : "UpsampleBilinear";

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        Expect(Factor >= 1, Name, $"factor {Factor} must be at least 1");
        var s = inputs[0];
        _planes = s[0] * s[1]; _h = s[2]; _w = s[3]; _oh = _h * Factor; _ow = _w * Factor;
        return [s[0], s[1], _oh, _ow];
    }

    /// <summary>Source index pair and weight of the second along one axis for output position o.</summary>
    private (int I0, int I1, float T) Source(int o, int size)
    {
        float src = Math.Max((o + 0.5f) / Factor - 0.5f, 0);
        int i0 = Math.Min((int)src, size - 1);
        int i1 = Math.Min(i0 + 1, size - 1);
        return (i0, i1, src - i0);
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span; var y = output.Span;
        for (int p = 0; p < _planes; p++)
            for (int oh = 0; oh < _oh; oh++)
                for (int ow = 0; ow < _ow; ow++)
                {
                    int o = (p * _oh + oh) * _ow + ow;
                    if (Mode == UpsampleMode.Nearest) { y[o] = x[(p * _h + oh / Factor) * _w + ow / Factor]; continue; }
                    var (h0, h1, th) = Source(oh, _h);
                    var (w0, w1, tw) = Source(ow, _w);
                    int b = p * _h * _w;
                    y[o] = (1 - th) * ((1 - tw) * x[b + h0 * _w + w0] + tw * x[b + h0 * _w + w1])
                         + th * ((1 - tw) * x[b + h1 * _w + w0] + tw * x[b + h1 * _w + w1]);
                }
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dxT) return;
        var dy = dOutput.Span; var dx = dxT.Span;
        dx.Clear();
        for (int p = 0; p < _planes; p++)
            for (int oh = 0; oh < _oh; oh++)
                for (int ow = 0; ow < _ow; ow++)
                {
                    float g = dy[(p * _oh + oh) * _ow + ow];
                    if (Mode == UpsampleMode.Nearest) { dx[(p * _h + oh / Factor) * _w + ow / Factor] += g; continue; }
                    var (h0, h1, th) = Source(oh, _h);
                    var (w0, w1, tw) = Source(ow, _w);
                    int b = p * _h * _w;
                    dx[b + h0 * _w + w0] += (1 - th) * (1 - tw) * g;
                    dx[b + h0 * _w + w1] += (1 - th) * tw * g;
                    dx[b + h1 * _w + w0] += th * (1 - tw) * g;
                    dx[b + h1 * _w + w1] += th * tw * g;
                }
    }
}
