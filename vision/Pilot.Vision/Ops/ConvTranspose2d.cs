using Pilot.Vision.Backends;
using Pilot.Vision.Init;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Transposed convolution (the gradient of a convolution with respect to its input; PyTorch ConvTranspose2d,
/// groups 1). Weight [Cin, Cout, K, K]; output size (H - 1) * stride - 2 * padding + dilation * (K - 1) + outputPadding + 1.
/// Forward: cols[Cout*K*K, N*H*W] = W^T * x, folded by col2im; backward is the matching im2col + GEMMs.
/// </summary>
public sealed class ConvTranspose2d(int outChannels, int kernel, int stride = 1, int padding = 0, int outputPadding = 0,
    int dilation = 1, bool bias = true, IInitializer? init = null) : Layer
{
    private Parameter _w = null!;  // [Cin, Cout, K, K]
    private Parameter? _b;         // [Cout]
    private ConvGeometry _g;       // the convolution whose input is this layer's output
    private TensorPool _scratch = null!;
    private int _cin, _kk, _np;

    public int OutChannels { get; } = outChannels;
    public int KernelSize { get; } = kernel;
    public int Stride { get; } = stride;
    /// <summary>Cropped from every side of the full output; <see cref="OutputPadding"/> is then added at the bottom and right.</summary>
    public int Padding { get; } = padding;
    public int OutputPadding { get; } = outputPadding;
    public int Dilation { get; } = dilation;
    public Parameter Weight => _w;
    public Parameter? Bias => _b;

    /// <summary>Output length along one axis for an input of <paramref name="input"/>.</summary>
    public static int OutputSize(int input, int kernel, int stride, int padding, int outputPadding, int dilation = 1) =>
        (input - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        var s = inputs[0];
        Expect(OutputPadding >= 0 && OutputPadding < Math.Max(Stride, Dilation), Name, $"output padding {OutputPadding} must be below stride or dilation");
        _cin = s[1];
        int oh = OutputSize(s[2], KernelSize, Stride, Padding, OutputPadding, Dilation);
        int ow = OutputSize(s[3], KernelSize, Stride, Padding, OutputPadding, Dilation);
        Expect(oh > 0 && ow > 0, Name, $"input {ShapeMath.Format(s)} gives an empty output {oh}x{ow}");
        _g = ConvGeometry.Create(s[0], OutChannels, oh, ow, KernelSize, KernelSize, Stride, Stride, Backends.Padding.Explicit(Padding), Dilation, Dilation);
        Expect(_g.OH == s[2] && _g.OW == s[3], Name, "inconsistent transposed-convolution geometry");
        _kk = OutChannels * _g.Taps;
        _np = s[0] * s[2] * s[3];
        _w = AddParameter(ctx, "weight", [_cin, OutChannels, KernelSize, KernelSize], init ?? VarianceScaling.GlorotUniform, _cin * _g.Taps, OutChannels * _g.Taps, decays: true);
        if (bias) _b = AddParameter(ctx, "bias", [OutChannels], new Constant(0), _cin * _g.Taps, OutChannels * _g.Taps, decays: false);
        _scratch = ctx.Activations;
        ctx.Activations.RequestScratch(_kk * _np + _cin * _np);
        return [s[0], OutChannels, oh, ow];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var scratch = _scratch.Scratch;
        var cols = scratch[..(_kk * _np)];                 // [Cout*K*K, N*H*W]
        var xT = scratch.Slice(_kk * _np, _cin * _np);     // [Cin, N*H*W]
        Backend.SwapOuter(inputs[0].Span, _g.N, _cin, _g.OutputPlane, xT);
        Backend.Gemm(true, false, _kk, _np, _cin, 1f, _w.Value.Span, _kk, xT, _np, 0f, cols, _np);
        Backend.Col2Im(cols, _g, 0, OutChannels, output.Span);
        if (_b is not null) Backend.AddChannelBias(output.Span, _b.Value.Span, _g.N, OutChannels, _g.InputPlane);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        var scratch = _scratch.Scratch;
        var cols = scratch[..(_kk * _np)];
        var xT = scratch.Slice(_kk * _np, _cin * _np);
        var dy = dOutput.Span;
        Backend.Im2Col(dy, _g, 0, OutChannels, cols);
        if (!Frozen)
        {
            if (_b is not null) Backend.SumChannels(dy, _g.N, OutChannels, _g.InputPlane, _b.Grad.Span);
            Backend.SwapOuter(inputs[0].Span, _g.N, _cin, _g.OutputPlane, xT);
            Backend.Gemm(false, true, _cin, _kk, _np, 1f, xT, _np, cols, _np, 0f, _w.Grad.Span, _kk);  // dW = xT cols^T
        }
        if (dInputs[0] is not { } dx) return;
        Backend.Gemm(false, false, _cin, _np, _kk, 1f, _w.Value.Span, _kk, cols, _np, 0f, xT, _np);  // dxT = W cols
        Backend.SwapOuter(xT, _cin, _g.N, _g.OutputPlane, dx.Span);
    }
}
