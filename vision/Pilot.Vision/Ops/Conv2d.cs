using Pilot.Vision.Backends;
using Pilot.Vision.Init;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// 2-D convolution (cross-correlation, as every framework computes it) over NCHW with stride, padding
/// (valid/same/explicit), dilation and groups. Depthwise convolutions (groups = in = out channels) run the direct
/// depthwise kernels; everything else runs im2col + GEMM per group on the whole batch at once:
/// yT[Cout, N*OH*OW] = W[Cout, K] * cols[K, N*OH*OW] with K = (Cin/groups)*KH*KW, then yT is swapped to NCHW.
/// The columns are kept for the weight gradient (memory for a second im2col pass) and then reused for dcols.
/// </summary>
public sealed class Conv2d(int outChannels, int kernel, int stride = 1, Padding? padding = null, int dilation = 1,
    int groups = 1, bool bias = true, IInitializer? init = null) : Layer
{
    private Parameter _w = null!;   // [Cout, Cin/groups, KH, KW]
    private Parameter? _b;          // [Cout]
    private ConvGeometry _g;
    private TensorPool _scratch = null!;
    private Tensor? _cols;          // [groups * K, N*OH*OW] im2col of the last forward (null: depthwise or direct 1x1)
    private int _cin, _cgIn, _cgOut, _k, _np;
    private bool _depthwise, _direct1x1;

    public int OutChannels { get; } = outChannels;
    public int KernelSize { get; } = kernel;
    public int Stride { get; } = stride;
    public Padding Padding { get; } = padding ?? Padding.Valid;
    public int Dilation { get; } = dilation;
    public int Groups { get; } = groups;
    public ConvGeometry Geometry => _g;
    public Parameter Weight => _w;
    public Parameter? Bias => _b;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        var s = inputs[0];
        _cin = s[1];
        Expect(Groups > 0 && _cin % Groups == 0 && OutChannels % Groups == 0, Name,
            $"groups {Groups} must divide input channels {_cin} and output channels {OutChannels}");
        _g = ConvGeometry.Create(s[0], _cin, s[2], s[3], KernelSize, KernelSize, Stride, Stride, Padding, Dilation, Dilation);
        _cgIn = _cin / Groups; _cgOut = OutChannels / Groups;
        _k = _cgIn * _g.Taps;
        _np = _g.N * _g.OutputPlane;
        _depthwise = Groups == _cin && OutChannels == _cin;
        // A 1x1, stride-1, unpadded convolution of one image reads x [C, H*W] directly as the GEMM's B operand.
        _direct1x1 = _g.N == 1 && _g.Taps == 1 && Stride == 1 && _g.PadTop == 0 && _g.PadLeft == 0 && _g.OH == _g.H && _g.OW == _g.W;
        int fanIn = _k, fanOut = _cgOut * _g.Taps;
        _w = AddParameter(ctx, "weight", [OutChannels, _cgIn, KernelSize, KernelSize], init ?? VarianceScaling.GlorotUniform, fanIn, fanOut, decays: true);
        if (bias) _b = AddParameter(ctx, "bias", [OutChannels], new Constant(0), fanIn, fanOut, decays: false);
        _scratch = ctx.Activations;
        if (!_depthwise && !_direct1x1) _cols = ctx.Activations.Request(Name + ".cols", [Groups * _k, _np]);
        if (!_depthwise && _g.N > 1) ctx.Activations.RequestScratch(OutChannels * _np);
        return [s[0], OutChannels, _g.OH, _g.OW];
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        Convolve(inputs[0].Span, _w.Value.Span, output.Span);
        if (_b is not null) Backend.AddChannelBias(output.Span, _b.Value.Span, _g.N, OutChannels, _g.OutputPlane);
    }

    /// <summary>
    /// y [N, Cout, OH, OW] = x [N, Cin, H, W] convolved with <paramref name="w"/> [Cout, Cin/groups, KH, KW], no bias: this
    /// layer's weights, or weights folded from them (<see cref="Models.InferencePlan"/>).
    /// </summary>
    public void Convolve(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
    {
        if (_depthwise) Backend.DepthwiseForward(x, w, y, _g);
        else
        {
            var yT = _g.N > 1 ? _scratch.Scratch[..(OutChannels * _np)] : y;  // [Cout, N*OH*OW]
            for (int g = 0; g < Groups; g++)
            {
                ReadOnlySpan<float> b;
                if (_direct1x1) b = x.Slice(g * _cgIn * _np, _cgIn * _np);
                else
                {
                    var cols = _cols!.Span.Slice(g * _k * _np, _k * _np);  // [K, N*OH*OW]
                    Backend.Im2Col(x, _g, g * _cgIn, _cgIn, cols);
                    b = cols;
                }
                Backend.Gemm(false, false, _cgOut, _np, _k, 1f, w.Slice(g * _cgOut * _k, _cgOut * _k), _k, b, _np, 0f,
                    yT.Slice(g * _cgOut * _np, _cgOut * _np), _np);
            }
            if (_g.N > 1) Backend.SwapOuter(yT, OutChannels, _g.N, _g.OutputPlane, y);
        }
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        var x = inputs[0].Span;
        var dy = dOutput.Span;   // [N, Cout, OH, OW]
        var w = _w.Value.Span;
        var dxT = dInputs[0];
        if (_b is not null && !Frozen) Backend.SumChannels(dy, _g.N, OutChannels, _g.OutputPlane, _b.Grad.Span);
        if (_depthwise)
        {
            if (!Frozen) Backend.DepthwiseBackwardFilter(x, dy, _w.Grad.Span, _g);
            if (dxT is not null) Backend.DepthwiseBackwardData(dy, w, dxT.Span, _g);
            return;
        }
        ReadOnlySpan<float> dyT = dy;                                            // [Cout, N*OH*OW]
        if (_g.N > 1)
        {
            var swapped = _scratch.Scratch[..(OutChannels * _np)];
            Backend.SwapOuter(dy, _g.N, OutChannels, _g.OutputPlane, swapped);
            dyT = swapped;
        }
        for (int g = 0; g < Groups; g++)
        {
            var dyG = dyT.Slice(g * _cgOut * _np, _cgOut * _np);   // [Cout/groups, N*OH*OW]
            var wG = w.Slice(g * _cgOut * _k, _cgOut * _k);        // [Cout/groups, K]
            var cols = _direct1x1 ? default : _cols!.Span.Slice(g * _k * _np, _k * _np);  // this group's forward columns
            if (!Frozen)
            {
                ReadOnlySpan<float> b = _direct1x1 ? x.Slice(g * _cgIn * _np, _cgIn * _np) : cols;
                // dW[Cout/g, K] = dy[Cout/g, NP] * cols^T
                Backend.Gemm(false, true, _cgOut, _k, _np, 1f, dyG, _np, b, _np, 0f, _w.Grad.Span.Slice(g * _cgOut * _k, _cgOut * _k), _k);
            }
            if (dxT is null) continue;
            if (_direct1x1)
                Backend.Gemm(true, false, _k, _np, _cgOut, 1f, wG, _k, dyG, _np, 0f, dxT.Span.Slice(g * _cgIn * _np, _cgIn * _np), _np);
            else
            {
                // dcols[K, NP] = W^T * dy (over the spent columns), folded back onto the input channels of this group
                Backend.Gemm(true, false, _k, _np, _cgOut, 1f, wG, _k, dyG, _np, 0f, cols, _np);
                Backend.Col2Im(cols, _g, g * _cgIn, _cgIn, dxT.Span);
            }
        }
    }
}
