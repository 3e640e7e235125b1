using Pilot.Vision.Backends;
using Pilot.Vision.Backends.Cpu;

namespace Pilot.Vision.Tests;

/// <summary>Every primitive of the fast CPU backend, at every SIMD level, against the reference loops.</summary>
public class BackendTests
{
    public static TheoryData<SimdLevel> Levels => [SimdLevel.Vector512, SimdLevel.Vector256, SimdLevel.Scalar];

    private static IBackend Fast(SimdLevel level)
    {
        var b = Fixtures.AtLevel(level);
        Skip.If(b is null, $"this CPU has no {level}");
        return b!;
    }

    public static readonly ConvGeometry[] Geometries =
    [
        ConvGeometry.Create(2, 3, 7, 9, 3, 3, 1, 1, Padding.Same),
        ConvGeometry.Create(2, 4, 8, 8, 3, 3, 2, 2, Padding.Explicit(1)),
        ConvGeometry.Create(1, 2, 9, 11, 3, 2, 2, 3, Padding.Valid, 2, 1),   // dilation and uneven strides
        ConvGeometry.Create(3, 5, 6, 5, 5, 5, 1, 1, Padding.Same, 1, 1),
        ConvGeometry.Create(2, 3, 17, 40, 3, 3, 1, 1, Padding.Explicit(2)),   // wide rows: the vector paths
        ConvGeometry.Create(1, 2, 4, 4, 1, 1, 1, 1, Padding.Valid),
        ConvGeometry.Create(2, 3, 8, 6, 2, 2, 2, 2, Padding.Valid),           // the 2x2/2 pooling fast path
        ConvGeometry.Create(2, 2, 5, 5, 2, 2, 2, 2, Padding.Same),            // 2x2/2 with far padding: not the fast path
        ConvGeometry.Create(1, 2, 6, 70, 3, 3, 2, 2, Padding.Same),           // wide stride-2 rows: the de-interleaving vector path
    ];

    [SkippableTheory, MemberData(nameof(Levels))]
    public void Gemm_matches_reference_for_every_transpose_and_edge_shape(SimdLevel level)
    {
        var fast = Fast(level);
        int seed = 0;
        foreach (var (m, n, k) in new[] { (6, 25, 5000), (16, 150, 6400), (1, 1, 1), (6, 64, 256), (7, 65, 257), (13, 130, 5), (100, 17, 513), (31, 200, 260), (64, 10, 84), (3, 300, 0), (1, 571, 256), (2, 37, 40) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var a = Fixtures.Random(m * Math.Max(k, 1), ++seed);
                    var b = Fixtures.Random(Math.Max(k, 1) * n, ++seed);
                    var c1 = Fixtures.Random(m * n, ++seed);
                    var c2 = (float[])c1.Clone();
                    fast.Gemm(ta, tb, m, n, k, 0.7f, a, ta ? m : Math.Max(k, 1), b, tb ? Math.Max(k, 1) : n, 0.3f, c1, n);
                    Fixtures.Reference.Gemm(ta, tb, m, n, k, 0.7f, a, ta ? m : Math.Max(k, 1), b, tb ? Math.Max(k, 1) : n, 0.3f, c2, n);
                    Fixtures.AssertClose(c2, c1, 1e-4f, 1e-4f, $"gemm {m}x{n}x{k} ta={ta} tb={tb}");
                }
    }

    [SkippableFact]
    public void Gemm_with_beta_zero_ignores_garbage_in_c()
    {
        var fast = Fast(SimdLevel.Vector512);
        var a = Fixtures.Random(6 * 8, 1); var b = Fixtures.Random(8 * 70, 2);
        var c = Enumerable.Repeat(float.NaN, 6 * 70).ToArray();
        var expected = new float[6 * 70];
        fast.Gemm(false, false, 6, 70, 8, 1, a, 8, b, 70, 0, c, 70);
        SgemmReference.Run(false, false, 6, 70, 8, 1, a, 8, b, 70, 0, expected, 70);
        Fixtures.AssertClose(expected, c, 1e-5f, 1e-5f, "beta 0");
    }

    [SkippableFact]
    public void Gemm_is_identical_with_one_thread_and_two()
    {
        using var one = new CpuBackend(threads: 1);
        var a = Fixtures.Random(300 * 200, 3); var b = Fixtures.Random(200 * 500, 4);
        var c1 = new float[300 * 500]; var c2 = new float[300 * 500];
        one.Gemm(false, false, 300, 500, 200, 1, a, 200, b, 500, 0, c1, 500);
        Fixtures.Cpu.Gemm(false, false, 300, 500, 200, 1, a, 200, b, 500, 0, c2, 500);
        Assert.Equal(c1, c2);
    }

    [SkippableFact]
    public void Gemm_dot_product_path_accumulates_once_on_two_threads()
    {
        // A dense layer on a batch of 4 adds x W^T onto its bias (beta 1): the dot-product path, big enough for two
        // threads, not deep enough to split k. Both threads once computed all of C, so C got the product twice or
        // once depending on how they interleaved.
        Skip.If(Fixtures.AtLevel(SimdLevel.Vector512) is null, "this CPU has no Vector512");
        using var two = new CpuBackend(SimdLevel.Vector512, threads: 2);
        const int m = 4, n = 300, k = 1000;   // 2.4 MFLOP: parallel; k below the split-k depth
        var a = Fixtures.Random(m * k, 5); var b = Fixtures.Random(n * k, 6); var bias = Fixtures.Random(m * n, 7);
        var expected = (float[])bias.Clone();
        SgemmReference.Run(false, true, m, n, k, 1, a, k, b, k, 1, expected, n);
        for (int run = 0; run < 20; run++)
        {
            var c = (float[])bias.Clone();
            two.Gemm(false, true, m, n, k, 1, a, k, b, k, 1, c, n);
            Fixtures.AssertClose(expected, c, 1e-4f, 1e-4f, $"run {run}");
        }
    }

    [SkippableTheory, MemberData(nameof(Levels))]
    public void Im2col_and_col2im_match_reference(SimdLevel level)
    {
        var fast = Fast(level);
        foreach (var g in Geometries)
        {
            var x = Fixtures.Random(g.N * g.C * g.InputPlane, g.H);
            int c0 = g.C > 2 ? 1 : 0, cn = g.C - c0;
            int rows = cn * g.Taps, np = g.N * g.OutputPlane;
            var colsFast = new float[rows * np]; var colsRef = new float[rows * np];
            fast.Im2Col(x, g, c0, cn, colsFast);
            Fixtures.Reference.Im2Col(x, g, c0, cn, colsRef);
            Fixtures.AssertClose(colsRef, colsFast, 0, 0, $"im2col {g}");
            var dxFast = Fixtures.Random(x.Length, 9); var dxRef = (float[])dxFast.Clone();  // untouched channels must survive
            fast.Col2Im(colsRef, g, c0, cn, dxFast);
            Fixtures.Reference.Col2Im(colsRef, g, c0, cn, dxRef);
            Fixtures.AssertClose(dxRef, dxFast, 1e-5f, 1e-5f, $"col2im {g}");
        }
    }

    [SkippableTheory, MemberData(nameof(Levels))]
    public void Direct_convolution_matches_reference_and_im2col(SimdLevel level)
    {
        var fast = Fast(level);
        int seed = 300;
        // The lane network's stem, every shared geometry, and column/channel tails of the 4 x 64 tile.
        var geometries = Geometries.Append(ConvGeometry.Create(1, 12, 128, 256, 3, 3, 2, 2, Padding.Explicit(1)))
            .Append(ConvGeometry.Create(2, 1, 28, 28, 5, 5, 1, 1, Padding.Explicit(2)))
            .Append(ConvGeometry.Create(1, 3, 20, 150, 7, 7, 2, 2, Padding.Same));
        foreach (var g in geometries)
            foreach (int cout in new[] { 1, 6, 32 })
                foreach (var (act, alpha) in new[] { (ActivationKind.Identity, 0f), (ActivationKind.Relu, 0f), (ActivationKind.LeakyRelu, 0.1f), (ActivationKind.Tanh, 0f) })
                {
                    var x = Fixtures.Random(g.N * g.C * g.InputPlane, ++seed);
                    var w = Fixtures.Random(cout * g.C * g.Taps, ++seed);
                    var bias = Fixtures.Random(cout, ++seed);
                    var y1 = new float[g.N * cout * g.OutputPlane]; var y2 = new float[y1.Length];
                    fast.DirectConvForward(x, w, bias, y1, g, cout, act, alpha);
                    Fixtures.Reference.DirectConvForward(x, w, bias, y2, g, cout, act, alpha);
                    Fixtures.AssertClose(y2, y1, 1e-4f, 1e-4f, $"direct convolution {g} cout {cout} {act}");
                }
        // The reference itself against the engine's other definition: im2col + GEMM, then bias.
        var stem = Geometries[1];
        var xs = Fixtures.Random(stem.N * stem.C * stem.InputPlane, 1); var ws = Fixtures.Random(5 * stem.C * stem.Taps, 2); var bs = Fixtures.Random(5, 3);
        var direct = new float[stem.N * 5 * stem.OutputPlane];
        Fixtures.Reference.DirectConvForward(xs, ws, bs, direct, stem, 5, ActivationKind.Identity, 0);
        var cols = new float[stem.C * stem.Taps * stem.N * stem.OutputPlane];
        Fixtures.Reference.Im2Col(xs, stem, 0, stem.C, cols);
        var yT = new float[5 * stem.N * stem.OutputPlane]; var viaGemm = new float[yT.Length];
        Fixtures.Reference.Gemm(false, false, 5, stem.N * stem.OutputPlane, stem.C * stem.Taps, 1f, ws, stem.C * stem.Taps, cols, stem.N * stem.OutputPlane, 0f, yT, stem.N * stem.OutputPlane);
        Fixtures.Reference.SwapOuter(yT, 5, stem.N, stem.OutputPlane, viaGemm);
        Fixtures.Reference.AddChannelBias(viaGemm, bs, stem.N, 5, stem.OutputPlane);
        Fixtures.AssertClose(viaGemm, direct, 1e-5f, 1e-5f, "reference direct convolution vs im2col + GEMM");
    }

    [SkippableTheory, MemberData(nameof(Levels))]
    public void Depthwise_kernels_match_reference(SimdLevel level)
    {
        var fast = Fast(level);
        foreach (var g in Geometries)
        {
            var x = Fixtures.Random(g.N * g.C * g.InputPlane, 1);
            var w = Fixtures.Random(g.C * g.Taps, 2);
            var dy = Fixtures.Random(g.N * g.C * g.OutputPlane, 3);
            var y1 = new float[dy.Length]; var y2 = new float[dy.Length];
            fast.DepthwiseForward(x, w, y1, g); Fixtures.Reference.DepthwiseForward(x, w, y2, g);
            Fixtures.AssertClose(y2, y1, 1e-5f, 1e-5f, $"depthwise forward {g}");
            var dx1 = new float[x.Length]; var dx2 = new float[x.Length];
            fast.DepthwiseBackwardData(dy, w, dx1, g); Fixtures.Reference.DepthwiseBackwardData(dy, w, dx2, g);
            Fixtures.AssertClose(dx2, dx1, 1e-5f, 1e-5f, $"depthwise backward data {g}");
            var dw1 = new float[w.Length]; var dw2 = new float[w.Length];
            fast.DepthwiseBackwardFilter(x, dy, dw1, g); Fixtures.Reference.DepthwiseBackwardFilter(x, dy, dw2, g);
            Fixtures.AssertClose(dw2, dw1, 1e-4f, 1e-4f, $"depthwise backward filter {g}");
        }
    }

    [SkippableTheory, MemberData(nameof(Levels))]
    public void Pooling_matches_reference(SimdLevel level)
    {
        var fast = Fast(level);
        foreach (var g in Geometries)
        {
            var x = Fixtures.Random(g.N * g.C * g.InputPlane, 4);
            int outs = g.N * g.C * g.OutputPlane;
            var dy = Fixtures.Random(outs, 5);
            var y1 = new float[outs]; var y2 = new float[outs]; var i1 = new int[outs]; var i2 = new int[outs];
            fast.MaxPoolForward(x, y1, i1, g); Fixtures.Reference.MaxPoolForward(x, y2, i2, g);
            Assert.Equal(y2, y1); Assert.Equal(i2, i1);
            var dx1 = new float[x.Length]; var dx2 = new float[x.Length];
            fast.MaxPoolBackward(dy, i1, dx1); Fixtures.Reference.MaxPoolBackward(dy, i2, dx2);
            Fixtures.AssertClose(dx2, dx1, 1e-6f, 1e-6f, "max pool backward");
            fast.AvgPoolForward(x, y1, g); Fixtures.Reference.AvgPoolForward(x, y2, g);
            Fixtures.AssertClose(y2, y1, 1e-5f, 1e-5f, $"avg pool {g}");
            fast.AvgPoolBackward(dy, dx1, g); Fixtures.Reference.AvgPoolBackward(dy, dx2, g);
            Fixtures.AssertClose(dx2, dx1, 1e-5f, 1e-5f, $"avg pool backward {g}");
        }
    }

    [SkippableTheory, MemberData(nameof(Levels))]
    public void Layout_bias_and_vector_primitives_match_reference(SimdLevel level)
    {
        var fast = Fast(level);
        const int a = 5, b = 7, inner = 37;
        var src = Fixtures.Random(a * b * inner, 6);
        var d1 = new float[src.Length]; var d2 = new float[src.Length];
        fast.SwapOuter(src, a, b, inner, d1); Fixtures.Reference.SwapOuter(src, a, b, inner, d2);
        Assert.Equal(d2, d1);
        var bias = Fixtures.Random(b, 7);
        var y1 = (float[])src.Clone(); var y2 = (float[])src.Clone();
        fast.AddChannelBias(y1, bias, a, b, inner); Fixtures.Reference.AddChannelBias(y2, bias, a, b, inner);
        Fixtures.AssertClose(y2, y1, 1e-6f, 0, "bias");
        foreach (var kind in new[] { ActivationKind.Relu, ActivationKind.LeakyRelu, ActivationKind.Elu })
        {
            // the bias with the activation after it, in one pass: equal to the two passes of the reference
            var fused = (float[])src.Clone(); var twoPasses = (float[])src.Clone();
            fast.AddChannelBias(fused, bias, a, b, inner, kind, 0.2f);
            Fixtures.Reference.AddChannelBias(twoPasses, bias, a, b, inner);
            Fixtures.Reference.Activation(kind, 0.2f, twoPasses, twoPasses);
            Fixtures.AssertClose(twoPasses, fused, 1e-6f, 1e-6f, $"bias + {kind}");
        }
        var shift = Fixtures.Random(b, 12);
        fast.ChannelAffine(src, bias, shift, y1, a, b, inner); Fixtures.Reference.ChannelAffine(src, bias, shift, y2, a, b, inner);
        Fixtures.AssertClose(y2, y1, 1e-6f, 1e-6f, "channel affine");
        var s1 = new float[b]; var s2 = new float[b];
        fast.SumChannels(src, a, b, inner, s1); Fixtures.Reference.SumChannels(src, a, b, inner, s2);
        Fixtures.AssertClose(s2, s1, 1e-4f, 1e-5f, "channel sums");
        var big = Fixtures.Random(70_001, 8); var other = Fixtures.Random(70_001, 9);
        var r1 = new float[big.Length]; var r2 = new float[big.Length];
        fast.Add(big, other, r1); Fixtures.Reference.Add(big, other, r2);
        Assert.Equal(r2, r1);
        fast.Axpy(0.5f, big, r1); Fixtures.Reference.Axpy(0.5f, big, r2);
        Fixtures.AssertClose(r2, r1, 1e-6f, 1e-6f, "axpy");
    }

    [SkippableTheory, MemberData(nameof(Levels))]
    public void Activations_match_reference(SimdLevel level)
    {
        var fast = Fast(level);
        var x = Fixtures.Random(40_003, 10, 4f);
        var dy = Fixtures.Random(x.Length, 11);
        foreach (var kind in Enum.GetValues<ActivationKind>())
        {
            var y1 = new float[x.Length]; var y2 = new float[x.Length];
            fast.Activation(kind, 0.2f, x, y1); Fixtures.Reference.Activation(kind, 0.2f, x, y2);
            Fixtures.AssertClose(y2, y1, 1e-6f, 1e-6f, $"{kind} forward");
            var dx1 = new float[x.Length]; var dx2 = new float[x.Length];
            fast.ActivationBackward(kind, 0.2f, x, y2, dy, dx1); Fixtures.Reference.ActivationBackward(kind, 0.2f, x, y2, dy, dx2);
            Fixtures.AssertClose(dx2, dx1, 1e-6f, 1e-6f, $"{kind} backward");
        }
    }

    [Fact]
    public void Gemm_rejects_operands_that_do_not_fit()
    {
        var ex = Assert.Throws<ArgumentException>(() => Fixtures.Cpu.Gemm(false, false, 4, 4, 4, 1, new float[15], 4, new float[16], 4, 0, new float[16], 4));
        Assert.Contains("operand A", ex.Message);
    }
}
