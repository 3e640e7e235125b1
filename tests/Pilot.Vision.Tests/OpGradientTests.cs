using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;

namespace Pilot.Vision.Tests;

/// <summary>Finite-difference gradient checks for every op, on small shapes, through the fast CPU backend.</summary>
public class OpGradientTests
{
    private static void Check(Layer layer, params int[][] shapes) => GradCheck.Check(GradCheck.Build(layer, shapes));

    public static TheoryData<string> ConvCases => ["3x3 same", "3x3 stride 2 explicit 1", "5x5 valid", "3x3 dilation 2 same", "1x1", "1x1 batch 1",
        "grouped", "depthwise", "depthwise stride 2", "even kernel same"];

    [Theory, MemberData(nameof(ConvCases))]
    public void Conv2d(string name)
    {
        var (layer, shape) = name switch
        {
            "3x3 same" => (new Conv2d(4, 3, padding: Padding.Same), new[] { 2, 3, 6, 5 }),
            "3x3 stride 2 explicit 1" => (new Conv2d(3, 3, stride: 2, padding: Padding.Explicit(1)), new[] { 2, 2, 7, 7 }),
            "5x5 valid" => (new Conv2d(2, 5), new[] { 2, 2, 7, 6 }),
            "3x3 dilation 2 same" => (new Conv2d(3, 3, padding: Padding.Same, dilation: 2), new[] { 1, 2, 7, 7 }),
            "1x1" => (new Conv2d(5, 1), new[] { 2, 3, 4, 4 }),
            "1x1 batch 1" => (new Conv2d(5, 1), new[] { 1, 3, 4, 4 }),
            "grouped" => (new Conv2d(4, 3, padding: Padding.Same, groups: 2), new[] { 2, 4, 5, 5 }),
            "depthwise" => (new Conv2d(3, 3, padding: Padding.Same, groups: 3, bias: false), new[] { 2, 3, 6, 6 }),
            "depthwise stride 2" => (new Conv2d(3, 3, stride: 2, padding: Padding.Explicit(1), groups: 3), new[] { 2, 3, 7, 7 }),
            "even kernel same" => (new Conv2d(2, 2, padding: Padding.Same), new[] { 2, 2, 5, 5 }),
            _ => throw new ArgumentException(name),
        };
        Check(layer, shape);
    }

    [Fact] public void SeparableConv2d() => Check(new SeparableConv2d(4, 3, stride: 2, padding: Padding.Same), [2, 3, 6, 6]);
    [Fact] public void ConvTranspose2d() => Check(new ConvTranspose2d(3, 3, stride: 2, padding: 1, outputPadding: 1), [2, 2, 3, 4]);
    [Fact] public void ConvTranspose2d_stride_1() => Check(new ConvTranspose2d(2, 2), [1, 3, 3, 3]);
    [Fact] public void MaxPool2d() => Check(new MaxPool2d(2), [2, 3, 6, 6]);
    [Fact] public void MaxPool2d_overlapping() => Check(new MaxPool2d(3, stride: 2), [2, 2, 7, 7]);
    [Fact] public void MaxPool2d_same_padding() => Check(new MaxPool2d(2, padding: Padding.Same), [1, 2, 5, 5]);
    [Fact] public void AvgPool2d() => Check(new AvgPool2d(2), [2, 3, 6, 6]);
    [Fact] public void AvgPool2d_overlapping_padded() => Check(new AvgPool2d(3, stride: 2, padding: Padding.Same), [2, 2, 7, 7]);
    [Fact] public void GlobalAvgPool() => Check(new GlobalAvgPool(), [2, 3, 4, 5]);
    [Fact] public void Dense() => Check(new Dense(7), [3, 5]);
    [Fact] public void Dense_on_images() => Check(new Dense(4), [2, 2, 3, 3]);
    [Fact] public void BatchNorm_training() => Check(new BatchNorm(), [4, 3, 3, 3]);
    [Fact] public void BatchNorm_dense() => Check(new BatchNorm(), [6, 5]);
    [Fact] public void BatchNorm_evaluation() => GradCheck.Check(GradCheck.Build(new BatchNorm(), [[3, 2, 3, 3]], training: false));
    [Fact] public void LocalResponseNorm() => Check(new LocalResponseNorm(size: 3, alpha: 0.5f, beta: 0.75f, k: 1f), [2, 5, 2, 2]);
    [Fact] public void Relu() => Check(new Relu(), [2, 3, 4]);
    [Fact] public void LeakyRelu() => Check(new LeakyRelu(0.1f), [2, 3, 4]);
    [Fact] public void Elu() => Check(new Elu(), [2, 3, 4]);
    [Fact] public void Selu() => Check(new Selu(), [2, 3, 4]);
    [Fact] public void Sigmoid() => Check(new Sigmoid(), [2, 3, 4]);
    [Fact] public void Tanh() => Check(new Tanh(), [2, 3, 4]);
    [Fact] public void Softmax() => Check(new Softmax(), [3, 6]);
    [Fact] public void LogSoftmax() => Check(new LogSoftmax(), [3, 6]);
    [Fact] public void Add() => Check(new Ops.Add(), [2, 3, 2, 2], [2, 3, 2, 2], [2, 3, 2, 2]);
    [Fact] public void Concat() => Check(new Concat(), [2, 1, 3, 3], [2, 2, 3, 3]);
    [Fact] public void ChannelMultiply() => Check(new ChannelMultiply(), [2, 3, 2, 3], [2, 3]);
    [Fact] public void Flatten() => Check(new Flatten(), [2, 3, 2, 2]);
    [Fact] public void Reshape() => Check(new Reshape(4, -1), [2, 3, 2, 2]);
    [Fact] public void Upsample_nearest() => Check(new Upsample(2), [2, 2, 3, 3]);
    [Fact] public void Upsample_bilinear() => Check(new Upsample(2, UpsampleMode.Bilinear), [2, 2, 3, 4]);
    [Fact] public void Upsample_bilinear_factor_3() => Check(new Upsample(3, UpsampleMode.Bilinear), [1, 1, 3, 3]);
    [Fact] public void Rescale() => Check(new Rescale(0.25f), [2, 5]);

    [Fact]
    public void Dropout_scales_kept_units_routes_gradients_through_the_mask_and_is_identity_in_evaluation()
    {
        var h = GradCheck.Build(new Dropout(0.25f), [[4, 1000]]);
        h.Layer.Forward(h.Inputs, h.Output);
        var x = h.Inputs[0].Span; var y = h.Output.Span;
        int kept = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (y[i] == 0) continue;
            kept++;
            Assert.InRange(y[i], x[i] / 0.75f - 1e-5f, x[i] / 0.75f + 1e-5f);
        }
        Assert.InRange(kept / 4000.0, 0.72, 0.78);
        h.Layer.Backward(h.Inputs, h.Output, h.OutputGrad, h.InputGrads);
        var dy = h.OutputGrad.Span; var dx = h.InputGrads[0]!.Span;
        for (int i = 0; i < x.Length; i++)
        {
            float expected = y[i] == 0 ? 0 : dy[i] / 0.75f;
            Assert.InRange(dx[i], expected - 1e-5f, expected + 1e-5f);
        }
        h.Layer.Training = false;
        h.Layer.Forward(h.Inputs, h.Output);
        Assert.Equal(h.Inputs[0].ToArray(), h.Output.ToArray());
    }

    [Fact]
    public void Gradient_checks_also_pass_on_the_reference_backend()
    {
        GradCheck.Check(GradCheck.Build(new Conv2d(3, 3, stride: 2, padding: Padding.Same, dilation: 1), [[2, 2, 5, 5]], Fixtures.Reference));
        GradCheck.Check(GradCheck.Build(new MaxPool2d(3, stride: 2), [[1, 2, 5, 5]], Fixtures.Reference));
    }
}
