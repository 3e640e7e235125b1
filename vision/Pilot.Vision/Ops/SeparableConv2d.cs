using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Ops;

/// <summary>
/// Depthwise-separable convolution (MobileNet, Xception): a KxK depthwise convolution (one filter per channel, no
/// bias) followed by a 1x1 pointwise convolution to <c>outChannels</c> (with bias), kept as one layer.
/// </summary>
public sealed class SeparableConv2d(int outChannels, int kernel, int stride = 1, Padding? padding = null, int dilation = 1, bool bias = true) : Layer
{
    private Conv2d _depthwise = null!;
    private Conv2d _pointwise = null!;
    private Tensor _mid = null!;      // [N, Cin, OH, OW] depthwise output
    private Tensor _midGrad = null!;  // d loss / d mid

    public override string Kind => "SeparableConv2d";

    /// <summary>The KxK depthwise half (groups = input channels, no bias) and the 1x1 pointwise half, once built.</summary>
    public Conv2d Depthwise => _depthwise;
    public Conv2d Pointwise => _pointwise;

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        int cin = inputs[0][1];
        _depthwise = new Conv2d(cin, kernel, stride, padding, dilation, groups: cin, bias: false);
        _pointwise = new Conv2d(outChannels, 1, bias: bias);
        var mid = BuildChild(_depthwise, "depthwise", inputs[0], ctx);
        _mid = ctx.Activations.Request(Name + ".mid", mid);
        _midGrad = ctx.Activations.Request(Name + ".mid.grad", mid);
        return BuildChild(_pointwise, "pointwise", mid, ctx);
    }

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        _depthwise.Forward(inputs, _mid);
        _pointwise.Forward([_mid], output);
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        _depthwise.Frozen = _pointwise.Frozen = Frozen;
        _pointwise.Backward([_mid], output, dOutput, [_midGrad]);
        _depthwise.Backward(inputs, _mid, _midGrad, dInputs);
    }
}
