using Pilot.Vision.Backends;
using Pilot.Vision.Init;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Zoo.Layers;

/// <summary>
/// A convolution with a rectangular KH x KW kernel (Inception v3's factorised 1x7 / 7x1 and 1x3 / 3x1 convolutions),
/// groups 1, no bias (it always feeds batch norm there), symmetric padding per axis. The engine's Conv2d takes one
/// square size, so this layer runs the same im2col + GEMM on the engine's primitives:
/// yT[Cout, N*OH*OW] = W[Cout, Cin*KH*KW] * cols; dW = dyT * cols^T; dcols = W^T * dyT folded back by col2im.
/// </summary>
public sealed class RectConv2d(int outChannels, int kernelHeight, int kernelWidth, int stride = 1, int padHeight = 0, int padWidth = 0) : Layer
{
    private Parameter _w = null!;   // [Cout, Cin, KH, KW]
    private ConvGeometry _g;
    private Tensor _cols = null!;   // [Cin*KH*KW, N*OH*OW] columns of the last forward, reused for dcols
    private TensorPool _scratch = null!;
    private int _k, _np;

    public int OutChannels { get; } = outChannels;
    public override string Kind => "RectConv2d";
    public ConvGeometry Geometry => _g;
    public Parameter Weight => _w;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        var s = inputs[0];
        _g = ConvGeometry.Create(s[0], s[1], s[2], s[3], kernelHeight, kernelWidth, stride, stride, Padding.Explicit(padHeight, padWidth));
        _k = s[1] * _g.Taps;
        _np = _g.N * _g.OutputPlane;
        _w = AddParameter(ctx, "weight", [OutChannels, s[1], kernelHeight, kernelWidth], VarianceScaling.GlorotUniform, _k, OutChannels * _g.Taps, decays: true);
        _cols = ctx.Activations.Request(Name + ".cols", [_k, _np]);
        _scratch = ctx.Activations;
        ctx.Activations.RequestScratch(OutChannels * _np);
        return [s[0], OutChannels, _g.OH, _g.OW];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        Backend.Im2Col(inputs[0].Span, _g, 0, _g.C, _cols.Span);
        var yT = _g.N > 1 ? _scratch.Scratch[..(OutChannels * _np)] : output.Span;
        Backend.Gemm(false, false, OutChannels, _np, _k, 1f, _w.Value.Span, _k, _cols.Span, _np, 0f, yT, _np);
        if (_g.N > 1) Backend.SwapOuter(yT, OutChannels, _g.N, _g.OutputPlane, output.Span);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        ReadOnlySpan<float> dyT = dOutput.Span;
        if (_g.N > 1)
        {
            var swapped = _scratch.Scratch[..(OutChannels * _np)];
            Backend.SwapOuter(dOutput.Span, _g.N, OutChannels, _g.OutputPlane, swapped);
            dyT = swapped;
        }
        if (!Frozen) Backend.Gemm(false, true, OutChannels, _k, _np, 1f, dyT, _np, _cols.Span, _np, 0f, _w.Grad.Span, _k);
        if (dInputs[0] is not { } dx) return;
        Backend.Gemm(true, false, _k, _np, OutChannels, 1f, _w.Value.Span, _k, dyT, _np, 0f, _cols.Span, _np);
        Backend.Col2Im(_cols.Span, _g, 0, _g.C, dx.Span);
    }
}
