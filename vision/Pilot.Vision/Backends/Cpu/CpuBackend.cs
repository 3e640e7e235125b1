using System.Runtime.Intrinsics;

namespace Pilot.Vision.Backends.Cpu;

/// <summary>
/// The fast CPU backend: the packed SGEMM, vectorised window kernels and pointwise loops at the widest SIMD level
/// the machine has (or a forced one), split over one worker per core. Each primitive fills a reusable job object and
/// runs it on the <see cref="WorkerPool"/>, so calls allocate nothing.
/// </summary>
public sealed unsafe class CpuBackend : IBackend
{
    private const int MinParallelElements = 1 << 15;  // below ~32k elements a pointwise job is cheaper than waking a thread

    private readonly WorkerPool _pool;
    private readonly Sgemm _gemm;
    private readonly Job _job;
    private readonly object _gate = new();
    private float[] _padded = [];   // DirectConvForward's zero-padded, stride-phase-split input (or its im2col columns)

    public SimdLevel Level { get; }
    public int Threads => _pool.Threads;
    public string Name => $"cpu-{Level.ToString().ToLowerInvariant()}-{Threads}t";

    public static SimdLevel Detect() =>
        Vector512.IsHardwareAccelerated ? SimdLevel.Vector512 : Vector256.IsHardwareAccelerated ? SimdLevel.Vector256 : SimdLevel.Scalar;

    public CpuBackend(SimdLevel? level = null, int? threads = null)
    {
        Level = level ?? Detect();
        if (Level == SimdLevel.Vector512 && !Vector512.IsHardwareAccelerated || Level == SimdLevel.Vector256 && !Vector256.IsHardwareAccelerated)
            throw new PlatformNotSupportedException($"SIMD level {Level} is not supported by this CPU");
        _pool = new WorkerPool(threads ?? Environment.ProcessorCount);
        _gemm = new Sgemm(_pool, Level);
        _job = new Job(Level);
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => _gemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public void Im2Col(ReadOnlySpan<float> x, in ConvGeometry g, int c0, int cn, Span<float> cols)
    {
        Need(x, g.N * g.C * g.InputPlane, "im2col input"); Need(cols, cn * g.Taps * g.N * g.OutputPlane, "im2col columns");
        fixed (float* px = x, pc = cols) Dispatch(Kind.Im2Col, cn * g.Taps, (long)cn * g.Taps * g.N * g.OutputPlane, px, pc, null, g, c0);
    }

    public void Col2Im(ReadOnlySpan<float> cols, in ConvGeometry g, int c0, int cn, Span<float> dx)
    {
        Need(cols, cn * g.Taps * g.N * g.OutputPlane, "col2im columns"); Need(dx, g.N * g.C * g.InputPlane, "col2im output");
        fixed (float* pc = cols, px = dx) Dispatch(Kind.Col2Im, cn, (long)cn * g.Taps * g.N * g.OutputPlane, pc, px, null, g, c0);
    }

    public void DepthwiseForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, in ConvGeometry g)
    {
        Need(x, g.N * g.C * g.InputPlane, "depthwise input"); Need(w, g.C * g.Taps, "depthwise weights"); Need(y, g.N * g.C * g.OutputPlane, "depthwise output");
        fixed (float* px = x, pw = w, py = y) Dispatch(Kind.DepthwiseForward, g.N * g.C, (long)g.N * g.C * g.OutputPlane * g.Taps, px, py, pw, g);
    }

    public void DirectConvForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, in ConvGeometry g,
        int outChannels, ActivationKind activation = ActivationKind.Identity, float alpha = 0)
    {
        Need(x, g.N * g.C * g.InputPlane, "direct convolution input"); Need(w, outChannels * g.C * g.Taps, "direct convolution weights");
        Need(bias, outChannels, "direct convolution bias"); Need(y, g.N * outChannels * g.OutputPlane, "direct convolution output");
        lock (_gate)   // the scratch buffer is shared by the steps
        {
            if (!DirectConv.Supports(g, Level)) { Im2ColConvLocked(x, w, bias, y, g, outChannels, activation, alpha); return; }
            long padded = DirectConv.PaddedLength(g);
            if (_padded.Length < padded) _padded = GC.AllocateArray<float>(checked((int)padded), pinned: true);   // grows once per larger shape
            var (_, _, rows) = DirectConv.Layout(g);
            fixed (float* px = x, pw = w, pb = bias, py = y, pp = _padded)
            {
                DispatchLocked(Kind.PadRows, g.N * g.C * rows, padded, px, pp, null, g);
                DispatchLocked(Kind.DirectConv, g.N * g.OH, (long)g.N * outChannels * g.OutputPlane * g.C * g.Taps, pp, py, pw, g,
                    outChannels, 0, alpha, d: pb, i2: (int)activation);
            }
        }
    }

    /// <summary>Where the vector kernel does not apply: im2col + GEMM image by image, then the bias and activation.</summary>
    private void Im2ColConvLocked(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, in ConvGeometry g,
        int outChannels, ActivationKind activation, float alpha)
    {
        var image = g with { N = 1 };
        int k = g.C * g.Taps, plane = g.OutputPlane;
        if (_padded.Length < k * plane) _padded = GC.AllocateArray<float>(k * plane, pinned: true);
        for (int n = 0; n < g.N; n++)
        {
            var yn = y.Slice(n * outChannels * plane, outChannels * plane);
            Im2Col(x.Slice(n * g.C * g.InputPlane, g.C * g.InputPlane), image, 0, g.C, _padded);
            _gemm.Run(false, false, outChannels, plane, k, 1f, w, k, _padded, plane, 0f, yn, plane);
            AddChannelBias(yn, bias, 1, outChannels, plane, activation, alpha);
        }
    }

    public void DepthwiseBackwardData(ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx, in ConvGeometry g)
    {
        Need(dy, g.N * g.C * g.OutputPlane, "depthwise dy"); Need(w, g.C * g.Taps, "depthwise weights"); Need(dx, g.N * g.C * g.InputPlane, "depthwise dx");
        fixed (float* pdy = dy, pw = w, pdx = dx) Dispatch(Kind.DepthwiseData, g.N * g.C, (long)g.N * g.C * g.OutputPlane * g.Taps, pdy, pdx, pw, g);
    }

    public void DepthwiseBackwardFilter(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw, in ConvGeometry g)
    {
        Need(x, g.N * g.C * g.InputPlane, "depthwise input"); Need(dy, g.N * g.C * g.OutputPlane, "depthwise dy"); Need(dw, g.C * g.Taps, "depthwise dw");
        fixed (float* px = x, pdy = dy, pdw = dw) Dispatch(Kind.DepthwiseFilter, g.C, (long)g.N * g.C * g.OutputPlane * g.Taps, px, pdw, pdy, g);
    }

    public void SwapOuter(ReadOnlySpan<float> src, int a, int b, int inner, Span<float> dst)
    {
        Need(src, a * b * inner, "swap source"); Need(dst, a * b * inner, "swap destination");
        fixed (float* ps = src, pd = dst) Dispatch(Kind.Swap, a, (long)a * b * inner, ps, pd, null, default, b, inner);
    }

    public void AddChannelBias(Span<float> y, ReadOnlySpan<float> bias, int n, int c, int inner, ActivationKind activation = ActivationKind.Identity, float alpha = 0)
    {
        Need(y, n * c * inner, "bias output"); Need(bias, c, "bias");
        fixed (float* py = y, pb = bias) Dispatch(Kind.Bias, n * c, (long)n * c * inner, py, pb, null, default, c, inner, alpha, i2: (int)activation);
    }

    public void ChannelAffine(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y, int n, int c, int inner)
    {
        Need(x, n * c * inner, "affine input"); Need(y, n * c * inner, "affine output"); Need(scale, c, "affine scale"); Need(shift, c, "affine shift");
        fixed (float* px = x, py = y, ps = scale, pt = shift) Dispatch(Kind.Affine, n * c, (long)n * c * inner, px, py, ps, default, c, inner, d: pt);
    }

    public void SumChannels(ReadOnlySpan<float> x, int n, int c, int inner, Span<float> sums)
    {
        Need(x, n * c * inner, "channel sum input"); Need(sums, c, "channel sums");
        fixed (float* px = x, ps = sums) Dispatch(Kind.SumChannels, c, (long)n * c * inner, px, ps, null, default, n, inner);
    }

    public void Activation(ActivationKind kind, float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        Need(y, x.Length, "activation output");
        fixed (float* px = x, py = y) Dispatch(Kind.Activation, x.Length, x.Length, px, py, null, default, (int)kind, alpha: alpha);
    }

    public void ActivationBackward(ActivationKind kind, float alpha, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Need(x, dy.Length, "activation input"); Need(y, dy.Length, "activation output"); Need(dx, dy.Length, "activation dx");
        fixed (float* px = x, py = y, pdy = dy, pdx = dx) Dispatch(Kind.ActivationBackward, dy.Length, dy.Length, px, pdx, pdy, default, (int)kind, alpha: alpha, d: py);
    }

    public void MaxPoolForward(ReadOnlySpan<float> x, Span<float> y, Span<int> argmax, in ConvGeometry g)
    {
        Need(x, g.N * g.C * g.InputPlane, "pool input"); Need(y, g.N * g.C * g.OutputPlane, "pool output");
        if (argmax.Length < y.Length) throw new ArgumentException($"argmax holds {argmax.Length} indices, pool output has {y.Length}");
        fixed (float* px = x, py = y) fixed (int* pi = argmax) Dispatch(Kind.MaxPool, g.N * g.C, (long)g.N * g.C * g.OutputPlane * g.Taps, px, py, null, g, index: pi);
    }

    /// <summary>Single-threaded: the routing is data-dependent and cheap next to the forward pass.</summary>
    public void MaxPoolBackward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx) => ReferenceKernels.MaxPoolBackward(dy, argmax, dx);

    public void AvgPoolForward(ReadOnlySpan<float> x, Span<float> y, in ConvGeometry g)
    {
        Need(x, g.N * g.C * g.InputPlane, "pool input"); Need(y, g.N * g.C * g.OutputPlane, "pool output");
        fixed (float* px = x, py = y) Dispatch(Kind.AvgPool, g.N * g.C, (long)g.N * g.C * g.OutputPlane * g.Taps, px, py, null, g);
    }

    public void AvgPoolBackward(ReadOnlySpan<float> dy, Span<float> dx, in ConvGeometry g)
    {
        Need(dy, g.N * g.C * g.OutputPlane, "pool dy"); Need(dx, g.N * g.C * g.InputPlane, "pool dx");
        fixed (float* pdy = dy, pdx = dx) Dispatch(Kind.AvgPoolBackward, g.N * g.C, (long)g.N * g.C * g.OutputPlane * g.Taps, pdy, pdx, null, g);
    }

    public void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        Need(a, y.Length, "add operand a"); Need(b, y.Length, "add operand b");
        fixed (float* pa = a, pb = b, py = y) Dispatch(Kind.Add, y.Length, y.Length, pa, py, pb);
    }

    public void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        Need(y, x.Length, "axpy output");
        fixed (float* px = x, py = y) Dispatch(Kind.Axpy, x.Length, x.Length, px, py, null, alpha: alpha);
    }

    public void Dispose() => _pool.Dispose();

    private static void Need(ReadOnlySpan<float> s, long length, string what)
    {
        if (s.Length < length) throw new ArgumentException($"{what}: {s.Length} floats, the operation needs {length}");
    }

    private void Dispatch(Kind kind, int items, long work, float* a, float* b, float* c, in ConvGeometry g = default,
        int i0 = 0, int i1 = 0, float alpha = 0, int* index = null, float* d = null, int i2 = 0)
    {
        lock (_gate) DispatchLocked(kind, items, work, a, b, c, g, i0, i1, alpha, index, d, i2);   // one job object: serialise callers sharing this backend
    }

    private void DispatchLocked(Kind kind, int items, long work, float* a, float* b, float* c, in ConvGeometry g = default,
        int i0 = 0, int i1 = 0, float alpha = 0, int* index = null, float* d = null, int i2 = 0)
    {
        var j = _job;
        j.Kind = kind; j.Items = items; j.A = a; j.B = b; j.C = c; j.D = d; j.G = g; j.I0 = i0; j.I1 = i1; j.I2 = i2; j.Alpha = alpha; j.Index = index;
        // Pointwise jobs are split into vector-aligned element ranges; the rest into whole items.
        _pool.Run(j, work < MinParallelElements ? 1 : _pool.Threads);
    }

    private enum Kind { PadRows, DirectConv, Im2Col, Col2Im, DepthwiseForward, DepthwiseData, DepthwiseFilter, Swap, Bias, Affine, SumChannels, Activation, ActivationBackward, MaxPool, AvgPool, AvgPoolBackward, Add, Axpy }

    private sealed class Job(SimdLevel level) : IParallelWork
    {
        public Kind Kind;
        public int Items, I0, I1, I2;
        public float Alpha;
        public float* A, B, C, D;
        public int* Index;
        public ConvGeometry G;

        public void Execute(int part, int parts)
        {
            bool pointwise = Kind is Kind.Activation or Kind.ActivationBackward or Kind.Add or Kind.Axpy;
            var (s, e) = WorkerPool.Slice(Items, part, parts, pointwise ? 64 : 1);
            if (s >= e) return;
            switch (Kind)
            {
                case Kind.PadRows: DirectConv.PadRows(A, B, G, s, e); break;
                case Kind.DirectConv: DirectConv.OutputRows(A, C, D, B, G, I0, (ActivationKind)I2, Alpha, s, e); break;
                case Kind.Im2Col: WindowKernels.Im2ColRows(level, A, G, I0, B, s, e); break;
                case Kind.Col2Im: WindowKernels.Col2ImChannels(level, A, G, I0, B, s, e); break;
                case Kind.DepthwiseForward: WindowKernels.DepthwiseForwardPlanes(level, A, C, B, G, s, e); break;
                case Kind.DepthwiseData: WindowKernels.DepthwiseBackwardDataPlanes(level, A, C, B, G, s, e); break;
                case Kind.DepthwiseFilter: WindowKernels.DepthwiseBackwardFilterChannels(level, A, C, B, G, s, e); break;
                case Kind.MaxPool: WindowKernels.MaxPoolPlanes(A, B, Index, G, s, e); break;
                case Kind.AvgPool: WindowKernels.AvgPoolPlanes(A, B, G, s, e, backward: false); break;
                case Kind.AvgPoolBackward: WindowKernels.AvgPoolPlanes(A, B, G, s, e, backward: true); break;
                case Kind.Swap:
                    // rows i of src [a, b, inner] scatter to dst [b, a, inner]
                    for (int i = s; i < e; i++)
                        for (int jj = 0; jj < I0; jj++)
                            new ReadOnlySpan<float>(A + ((long)i * I0 + jj) * I1, I1).CopyTo(new Span<float>(B + ((long)jj * Items + i) * I1, I1));
                    break;
                case Kind.Bias:
                    // the activation runs on each row right after its bias, while the row is in L1
                    for (int r = s; r < e; r++)
                    {
                        float* row = A + (long)r * I1;
                        VectorOps.AddScalar(level, B[r % I0], row, I1);
                        if (I2 != (int)ActivationKind.Identity) Pointwise.Forward(level, (ActivationKind)I2, Alpha, row, row, I1);
                    }
                    break;
                case Kind.Affine:
                    for (int r = s; r < e; r++) VectorOps.Affine(level, C[r % I0], D[r % I0], A + (long)r * I1, B + (long)r * I1, I1);
                    break;
                case Kind.SumChannels:
                    for (int c = s; c < e; c++)
                    {
                        float sum = 0;
                        for (int n = 0; n < I0; n++) sum += VectorOps.Sum(level, A + ((long)n * Items + c) * I1, I1);
                        B[c] = sum;
                    }
                    break;
                case Kind.Add: VectorOps.Add(level, A + s, C + s, B + s, e - s); break;
                case Kind.Axpy: VectorOps.Axpy(level, Alpha, A + s, B + s, e - s); break;
                case Kind.Activation: Pointwise.Forward(level, (ActivationKind)I0, Alpha, A + s, B + s, e - s); break;
                case Kind.ActivationBackward: Pointwise.Backward(level, (ActivationKind)I0, Alpha, A + s, D + s, C + s, B + s, e - s); break;
            }
        }
    }
}
