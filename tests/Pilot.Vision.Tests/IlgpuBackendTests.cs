using Pilot.Vision.Backends;
using Pilot.Vision.Backends.Gpu;
using Pilot.Vision.Ops;

namespace Pilot.Vision.Tests;

/// <summary>
/// The ILGPU backend against the reference loops, on ILGPU's CPU emulator (CUDA is not required) and small shapes
/// only: the emulator costs a fraction of a millisecond per launch.
/// </summary>
public sealed class IlgpuBackendTests : IClassFixture<IlgpuBackendTests.Backend>
{
    public sealed class Backend : IDisposable
    {
        public IlgpuBackend Gpu { get; } = new(forceCpu: true);
        public void Dispose() => Gpu.Dispose();
    }

    private readonly IlgpuBackend _gpu;
    private static IBackend Reference => Fixtures.Reference;

    public IlgpuBackendTests(Backend fixture) => _gpu = fixture.Gpu;

    private static readonly ConvGeometry[] Geometries =
    [
        ConvGeometry.Create(2, 3, 5, 6, 3, 3, 1, 1, Padding.Same),
        ConvGeometry.Create(1, 2, 7, 7, 3, 3, 2, 2, Padding.Explicit(1), 1, 1),
        ConvGeometry.Create(1, 2, 7, 6, 2, 3, 1, 2, Padding.Valid, 2, 1),
    ];

    [Fact]
    public void Runs_on_the_emulator_here()
    {
        Assert.True(_gpu.IsEmulated);
        Assert.Equal("ilgpu-cpu", _gpu.Name);
    }

    [Fact]
    public void Gemm_matches_reference()
    {
        int seed = 0;
        foreach (var (m, n, k) in new[] { (3, 5, 7), (8, 3, 1), (1, 9, 4) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var a = Fixtures.Random(m * k, ++seed); var b = Fixtures.Random(k * n, ++seed);
                    var c1 = Fixtures.Random(m * n, ++seed); var c2 = (float[])c1.Clone();
                    _gpu.Gemm(ta, tb, m, n, k, 0.5f, a, ta ? m : k, b, tb ? k : n, 2f, c1, n);
                    Reference.Gemm(ta, tb, m, n, k, 0.5f, a, ta ? m : k, b, tb ? k : n, 2f, c2, n);
                    Fixtures.AssertClose(c2, c1, 1e-5f, 1e-5f, $"gemm {m}x{n}x{k} {ta} {tb}");
                }
    }

    [Fact]
    public void Window_primitives_match_reference()
    {
        foreach (var g in Geometries)
        {
            var x = Fixtures.Random(g.N * g.C * g.InputPlane, 1);
            int outs = g.N * g.C * g.OutputPlane, rows = (g.C - 1) * g.Taps, np = g.N * g.OutputPlane;
            var cols1 = new float[rows * np]; var cols2 = new float[rows * np];
            _gpu.Im2Col(x, g, 1, g.C - 1, cols1); Reference.Im2Col(x, g, 1, g.C - 1, cols2);
            Fixtures.AssertClose(cols2, cols1, 0, 0, "im2col");
            var dx1 = Fixtures.Random(x.Length, 2); var dx2 = (float[])dx1.Clone();
            _gpu.Col2Im(cols2, g, 1, g.C - 1, dx1); Reference.Col2Im(cols2, g, 1, g.C - 1, dx2);
            Fixtures.AssertClose(dx2, dx1, 1e-5f, 1e-5f, "col2im");
            var w = Fixtures.Random(g.C * g.Taps, 3); var dy = Fixtures.Random(outs, 4);
            var y1 = new float[outs]; var y2 = new float[outs];
            _gpu.DepthwiseForward(x, w, y1, g); Reference.DepthwiseForward(x, w, y2, g);
            Fixtures.AssertClose(y2, y1, 1e-5f, 1e-5f, "depthwise forward");
            _gpu.DepthwiseBackwardData(dy, w, dx1, g); Reference.DepthwiseBackwardData(dy, w, dx2, g);
            Fixtures.AssertClose(dx2, dx1, 1e-5f, 1e-5f, "depthwise data");
            var dw1 = new float[w.Length]; var dw2 = new float[w.Length];
            _gpu.DepthwiseBackwardFilter(x, dy, dw1, g); Reference.DepthwiseBackwardFilter(x, dy, dw2, g);
            Fixtures.AssertClose(dw2, dw1, 1e-4f, 1e-4f, "depthwise filter");
            var i1 = new int[outs]; var i2 = new int[outs];
            _gpu.MaxPoolForward(x, y1, i1, g); Reference.MaxPoolForward(x, y2, i2, g);
            Assert.Equal(y2, y1); Assert.Equal(i2, i1);
            _gpu.MaxPoolBackward(dy, i1, dx1); Reference.MaxPoolBackward(dy, i2, dx2);
            Fixtures.AssertClose(dx2, dx1, 1e-5f, 1e-5f, "max pool backward");
            _gpu.AvgPoolForward(x, y1, g); Reference.AvgPoolForward(x, y2, g);
            Fixtures.AssertClose(y2, y1, 1e-5f, 1e-5f, "avg pool");
            _gpu.AvgPoolBackward(dy, dx1, g); Reference.AvgPoolBackward(dy, dx2, g);
            Fixtures.AssertClose(dx2, dx1, 1e-5f, 1e-5f, "avg pool backward");
        }
    }

    [Fact]
    public void Pointwise_layout_and_reduction_primitives_match_reference()
    {
        const int a = 2, b = 3, inner = 5;
        var src = Fixtures.Random(a * b * inner, 5); var other = Fixtures.Random(src.Length, 6);
        var p = Fixtures.Random(b, 7); var q = Fixtures.Random(b, 8);
        var y1 = new float[src.Length]; var y2 = new float[src.Length];
        _gpu.SwapOuter(src, a, b, inner, y1); Reference.SwapOuter(src, a, b, inner, y2);
        Assert.Equal(y2, y1);
        var z1 = (float[])src.Clone(); var z2 = (float[])src.Clone();
        _gpu.AddChannelBias(z1, p, a, b, inner); Reference.AddChannelBias(z2, p, a, b, inner);
        Fixtures.AssertClose(z2, z1, 1e-6f, 0, "bias");
        _gpu.ChannelAffine(src, p, q, y1, a, b, inner); Reference.ChannelAffine(src, p, q, y2, a, b, inner);
        Fixtures.AssertClose(y2, y1, 1e-6f, 1e-6f, "affine");
        var s1 = new float[b]; var s2 = new float[b];
        _gpu.SumChannels(src, a, b, inner, s1); Reference.SumChannels(src, a, b, inner, s2);
        Fixtures.AssertClose(s2, s1, 1e-5f, 1e-5f, "sums");
        _gpu.Add(src, other, y1); Reference.Add(src, other, y2);
        Assert.Equal(y2, y1);
        _gpu.Axpy(0.3f, src, y1); Reference.Axpy(0.3f, src, y2);
        Fixtures.AssertClose(y2, y1, 1e-6f, 1e-6f, "axpy");
        var x = Fixtures.Random(40, 9, 3f);
        var dy = Fixtures.Random(40, 10);
        foreach (var kind in Enum.GetValues<ActivationKind>())
        {
            var f1 = new float[x.Length]; var f2 = new float[x.Length];
            _gpu.Activation(kind, 0.2f, x, f1); Reference.Activation(kind, 0.2f, x, f2);
            Fixtures.AssertClose(f2, f1, 1e-5f, 1e-5f, $"{kind}");
            var d1 = new float[x.Length]; var d2 = new float[x.Length];
            _gpu.ActivationBackward(kind, 0.2f, x, f2, dy, d1); Reference.ActivationBackward(kind, 0.2f, x, f2, dy, d2);
            Fixtures.AssertClose(d2, d1, 1e-5f, 1e-5f, $"{kind} backward");
        }
    }

    [Fact]
    public void Layers_train_on_the_ilgpu_backend()
    {
        GradCheck.Check(GradCheck.Build(new Conv2d(2, 3, stride: 2, padding: Padding.Same), [[1, 2, 5, 5]], _gpu), probes: 8);
        GradCheck.Check(GradCheck.Build(new BatchNorm(), [[2, 2, 2, 2]], _gpu), probes: 8);
    }
}
