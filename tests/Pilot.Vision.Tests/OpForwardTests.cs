using Pilot.Vision.Backends;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Tests;

/// <summary>Forward results against small hand-computed cases, including output sizes for every padding mode.</summary>
public class OpForwardTests
{
    [Theory]
    // (W - F + 2P) / S + 1 for valid and explicit padding; ceil(W / S) for same
    [InlineData(28, 5, 1, 1, "explicit2", 28)]   // LeNet-5 C1: (28 - 5 + 4) / 1 + 1
    [InlineData(32, 5, 1, 1, "valid", 28)]       // (32 - 5) / 1 + 1
    [InlineData(227, 11, 4, 1, "valid", 55)]     // AlexNet conv1: (227 - 11) / 4 + 1
    [InlineData(7, 3, 2, 1, "explicit1", 4)]     // (7 - 3 + 2) / 2 + 1
    [InlineData(6, 3, 2, 1, "valid", 2)]         // floor((6 - 3) / 2) + 1
    [InlineData(5, 3, 2, 1, "same", 3)]          // ceil(5 / 2)
    [InlineData(28, 7, 1, 1, "same", 28)]
    [InlineData(10, 3, 1, 2, "valid", 6)]        // dilation 2: F = 5, (10 - 5) / 1 + 1
    [InlineData(10, 3, 3, 2, "same", 4)]         // ceil(10 / 3)
    public void Output_size_follows_the_formula(int w, int f, int s, int d, string padding, int expected)
    {
        var p = padding switch { "valid" => Padding.Valid, "same" => Padding.Same, "explicit1" => Padding.Explicit(1), _ => Padding.Explicit(2) };
        var g = ConvGeometry.Create(1, 1, w, w, f, f, s, s, p, d, d);
        Assert.Equal(expected, g.OH);
        Assert.Equal(expected, g.OW);
        var model = new Sequential(1, [1, w, w], new Conv2d(1, f, s, p, d));
        model.Build(Fixtures.Cpu);
        Assert.Equal(new[] { 1, 1, expected, expected }, model.Output.Shape);
    }

    [Fact]
    public void Same_padding_puts_the_odd_pixel_after()
    {
        var g = ConvGeometry.Create(1, 1, 6, 6, 2, 2, 1, 1, Padding.Same);  // total padding 1: 0 before, 1 after
        Assert.Equal((0, 1, 6), (g.PadTop, g.PadBottom, g.OH));
        var g2 = ConvGeometry.Create(1, 1, 5, 5, 3, 3, 2, 2, Padding.Same);  // (3 - 1) * 2 + 3 - 5 = 2: 1 and 1
        Assert.Equal((1, 1, 3), (g2.PadLeft, g2.PadRight, g2.OW));
    }

    [Fact]
    public void Window_larger_than_the_input_is_rejected_with_sizes()
    {
        var ex = Assert.Throws<ArgumentException>(() => ConvGeometry.Create(1, 1, 4, 4, 5, 5, 1, 1, Padding.Valid));
        Assert.Contains("larger than the padded input", ex.Message);
    }

    private static float[] Run(Layer layer, float[] input, params int[] shape)
    {
        var model = new Sequential(shape[0], shape[1..], layer);
        model.Build(Fixtures.Cpu);
        input.CopyTo(model.Input.Span);
        model.Forward();
        return model.Output.ToArray();
    }

    [Fact]
    public void Conv2d_2x2_ones_on_3x3()
    {
        var conv = new Conv2d(1, 2, init: new Init.Constant(1));
        Assert.Equal(new float[] { 12, 16, 24, 28 }, Run(conv, [1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3));
    }

    [Fact]
    public void Conv2d_same_padding_sums_the_3x3_neighbourhood()
    {
        // ones kernel on 1..9 with zero padding: each output is the sum of its in-bounds neighbours
        var y = Run(new Conv2d(1, 3, padding: Padding.Same, init: new Init.Constant(1)), [1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3);
        Assert.Equal(new float[] { 12, 21, 16, 27, 45, 33, 24, 39, 28 }, y);
    }

    [Fact]
    public void Conv2d_stride_2_dilation_2_picks_the_corners()
    {
        // 5x5 input 0..24, 2x2 kernel of ones, dilation 2 -> taps (0,0),(0,2),(2,0),(2,2); stride 2 -> outputs at 0 and 2
        var x = Enumerable.Range(0, 25).Select(i => (float)i).ToArray();
        var y = Run(new Conv2d(1, 2, stride: 2, dilation: 2, init: new Init.Constant(1)), x, 1, 1, 5, 5);
        Assert.Equal(new float[] { 0 + 2 + 10 + 12, 2 + 4 + 12 + 14, 10 + 12 + 20 + 22, 12 + 14 + 22 + 24 }, y);
    }

    [Fact]
    public void Max_pool_overlapping_3x3_stride_2()
    {
        var x = Enumerable.Range(0, 25).Select(i => (float)((i * 7) % 25)).ToArray();  // a permutation of 0..24
        var y = Run(new MaxPool2d(3, stride: 2), x, 1, 1, 5, 5);
        // windows rows/cols 0-2 and 2-4
        float Max(int r0, int c0) => Enumerable.Range(r0, 3).SelectMany(r => Enumerable.Range(c0, 3).Select(c => x[r * 5 + c])).Max();
        Assert.Equal(new[] { Max(0, 0), Max(0, 2), Max(2, 0), Max(2, 2) }, y);
    }

    [Fact]
    public void Avg_pool_with_same_padding_divides_by_in_bounds_cells()
    {
        var y = Run(new AvgPool2d(2, padding: Padding.Same), [1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3);
        Assert.Equal(new float[] { 3, 4.5f, 7.5f, 9 }, y);
    }

    [Fact]
    public void Transposed_conv_output_size_and_values()
    {
        // 1x1 input value 2, 3x3 kernel of ones, stride 2: a 3x3 block of 2s
        var y = Run(new ConvTranspose2d(1, 3, stride: 2, bias: false, init: new Init.Constant(1)), [2], 1, 1, 1, 1);
        Assert.Equal(Enumerable.Repeat(2f, 9), y);
        var model = new Sequential(1, [1, 4, 4], new ConvTranspose2d(1, 3, stride: 2, padding: 1, outputPadding: 1));
        model.Build(Fixtures.Cpu);
        Assert.Equal(new[] { 1, 1, 8, 8 }, model.Output.Shape);  // (4 - 1) * 2 - 2 + 3 + 1
    }

    [Fact]
    public void Upsampling_nearest_and_bilinear()
    {
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, Run(new Upsample(2), [1, 2, 3, 4], 1, 1, 2, 2));
        // PyTorch F.interpolate([[1, 2]], scale 2, bilinear, align_corners=False) row: 1, 1.25, 1.75, 2
        var y = Run(new Upsample(2, UpsampleMode.Bilinear), [1, 2], 1, 1, 1, 2);
        Assert.Equal(new float[] { 1, 1.25f, 1.75f, 2, 1, 1.25f, 1.75f, 2 }, y);
    }

    [Fact]
    public void Softmax_and_log_softmax_rows()
    {
        var y = Run(new Softmax(), [0, MathF.Log(3)], 1, 2);
        Assert.Equal(0.25f, y[0], 6); Assert.Equal(0.75f, y[1], 6);
        var l = Run(new LogSoftmax(), [1000, 1000], 1, 2);  // stable for huge logits
        Assert.Equal(-MathF.Log(2), l[0], 5);
    }

    [Fact]
    public void Activations_hand_values()
    {
        float[] x = [-1, 0.5f];
        Assert.Equal(new float[] { 0, 0.5f }, Run(new Relu(), x, 1, 2));
        Assert.Equal(new float[] { -0.1f, 0.5f }, Run(new LeakyRelu(0.1f), x, 1, 2));
        Assert.Equal(MathF.Exp(-1) - 1, Run(new Elu(), x, 1, 2)[0], 6);
        Assert.Equal(1.0507009873554805f * 1.6732632423543772f * (MathF.Exp(-1) - 1), Run(new Selu(), x, 1, 2)[0], 5);
        Assert.Equal(1 / (1 + MathF.E), Run(new Sigmoid(), x, 1, 2)[0], 6);
        Assert.Equal(MathF.Tanh(0.5f), Run(new Tanh(), x, 1, 2)[1], 6);
    }

    [Fact]
    public void Batch_norm_normalises_in_training_and_uses_running_statistics_in_evaluation()
    {
        var model = new Sequential(4, [1], new BatchNorm(momentum: 0.5f));
        model.Build(Fixtures.Cpu);
        new float[] { 1, 2, 3, 4 }.CopyTo(model.Input.Span);
        model.Forward();
        float std = MathF.Sqrt(1.25f + 1e-5f);  // biased variance of 1..4
        Assert.Equal((1 - 2.5f) / std, model.Output.Span[0], 5);
        var bn = (BatchNorm)model.Layers.Single();
        Assert.Equal(0.5f * 2.5f, bn.RunningMean.Span[0], 6);               // 0.5 * 0 + 0.5 * 2.5
        Assert.Equal(0.5f * 1 + 0.5f * (5f / 3), bn.RunningVar.Span[0], 5); // unbiased batch variance 5/3
        model.Training = false;
        model.Forward();
        Assert.Equal((1 - 1.25f) / MathF.Sqrt(0.5f + 5f / 6 + 1e-5f), model.Output.Span[0], 5);
    }

    [Fact]
    public void Concat_and_channel_multiply_hand_values()
    {
        var m = new Model(1, 2, 1, 1);
        var a = m.Add(new Conv2d(1, 1, bias: false, init: new Init.Constant(2)), m.InputNode);
        var cat = m.Add(new Concat(), m.InputNode, a);
        m.Build(Fixtures.Cpu);
        new float[] { 3, 4 }.CopyTo(m.Input.Span);
        m.Forward();
        Assert.Equal(new float[] { 3, 4, 14 }, m.Output.ToArray());  // conv: 2*3 + 2*4
        Assert.Equal(new[] { 1, 3, 1, 1 }, cat.Shape);

        var se = new Model(1, 2, 1, 2);
        var pooled = se.Add(new GlobalAvgPool(), se.InputNode);
        se.Add(new ChannelMultiply(), se.InputNode, pooled);
        se.Build(Fixtures.Cpu);
        new float[] { 1, 3, 2, 4 }.CopyTo(se.Input.Span);
        se.Forward();
        Assert.Equal(new float[] { 2, 6, 6, 12 }, se.Output.ToArray());  // channel means 2 and 3
    }

    [Fact]
    public void Local_response_norm_hand_value()
    {
        // size 3, alpha 3, beta 1, k 1: channel 0 sees channels 0..1: s = 1 + 3/3 * (1 + 4) = 6 -> 1/6
        var y = Run(new LocalResponseNorm(3, 3, 1, 1), [1, 2], 1, 2, 1, 1);
        Assert.Equal(1f / 6, y[0], 6);
        Assert.Equal(2f / 6, y[1], 6);
    }

    [Fact]
    public void Mismatched_shapes_are_rejected_with_the_layer_name()
    {
        var m = new Model(2, 3, 4, 4);
        var a = m.Add(new Conv2d(2, 1) { Name = "left" }, m.InputNode);
        m.Add(new Ops.Add { Name = "merge" }, a, m.InputNode);
        var ex = Assert.Throws<ArgumentException>(() => m.Build(Fixtures.Cpu));
        Assert.Contains("merge", ex.Message);
        Assert.Contains(ShapeMath.Format([2, 3, 4, 4]), ex.Message);
    }
}
