using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Pilot.Vision.Backends.Gpu;

/// <summary>
/// The backend on ILGPU: CUDA when a CUDA device is present, else ILGPU's CPU accelerator (an emulator, about
/// 300 us per launch with one OS thread per work item: for testing kernels on small shapes only). Every primitive
/// uploads its operands, runs one grid-stride kernel from <see cref="GpuKernels"/> and downloads its output: the
/// transfers are explicit and per call, as the <see cref="IBackend"/> contract is over host spans.
/// </summary>
public sealed class IlgpuBackend : IBackend
{
    private const int CpuGroups = 2, CpuGroupSize = 4;       // the emulator runs a thread per lane: keep the grid tiny
    private const int GpuGroupSize = 256, GpuMaxGroups = 4096;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape, float, float> _gemm;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ConvGeometry, int, int> _im2col, _col2im;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry> _dwForward, _dwData, _dwFilter;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int> _swap;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> _affine;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int> _bias, _sumChannels;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, float> _activation;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float> _activationBackward;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, ConvGeometry> _maxPool;
    private readonly Action<KernelConfig, ArrayView<float>> _clear;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>> _maxPoolBackward;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ConvGeometry> _avgPool, _avgPoolBackward;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>> _add;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, float> _axpy;

    public string Name => $"ilgpu-{_accelerator.AcceleratorType.ToString().ToLowerInvariant()}";
    public bool IsEmulated => _accelerator.AcceleratorType == AcceleratorType.CPU;

    /// <param name="forceCpu">Use the CPU emulator even when a CUDA device exists (tests).</param>
    public IlgpuBackend(bool forceCpu = false)
    {
        _context = Context.Create(b => b.CPU().Cuda().EnableAlgorithms());
        var cuda = forceCpu ? null : _context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.Cuda);
        _accelerator = (cuda ?? _context.GetCPUDevice(0)).CreateAccelerator(_context);
        var a = _accelerator;
        _gemm = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, GemmShape, float, float>(GpuKernels.Gemm);
        _im2col = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ConvGeometry, int, int>(GpuKernels.Im2Col);
        _col2im = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ConvGeometry, int, int>(GpuKernels.Col2Im);
        _dwForward = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry>(GpuKernels.DepthwiseForward);
        _dwData = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry>(GpuKernels.DepthwiseBackwardData);
        _dwFilter = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry>(GpuKernels.DepthwiseBackwardFilter);
        _swap = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int>(GpuKernels.SwapOuter);
        _affine = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(GpuKernels.ChannelAffine);
        _bias = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int>(GpuKernels.AddBias);
        _sumChannels = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int>(GpuKernels.SumChannels);
        _activation = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, float>(GpuKernels.Activation);
        _activationBackward = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float>(GpuKernels.ActivationBackward);
        _maxPool = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ConvGeometry>(GpuKernels.MaxPool);
        _clear = a.LoadStreamKernel<ArrayView<float>>(GpuKernels.Clear);
        _maxPoolBackward = a.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>>(GpuKernels.MaxPoolBackward);
        _avgPool = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ConvGeometry>(GpuKernels.AvgPool);
        _avgPoolBackward = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ConvGeometry>(GpuKernels.AvgPoolBackward);
        _add = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>>(GpuKernels.Add);
        _axpy = a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, float>(GpuKernels.Axpy);
    }

    /// <summary>A grid for <paramref name="work"/> outputs: two tiny groups on the emulator, enough groups to cover the work on a GPU.</summary>
    private KernelConfig Grid(long work) => IsEmulated
        ? new KernelConfig(CpuGroups, CpuGroupSize)
        : new KernelConfig((int)Math.Clamp((work + GpuGroupSize - 1) / GpuGroupSize, 1, GpuMaxGroups), GpuGroupSize);

    private MemoryBuffer1D<float, Stride1D.Dense> Up(ReadOnlySpan<float> data)
    {
        var buffer = _accelerator.Allocate1D<float>(Math.Max(1, data.Length));
        if (!data.IsEmpty) buffer.View.AsContiguous().SubView(0, data.Length).CopyFromCPU(data);
        return buffer;
    }

    private MemoryBuffer1D<int, Stride1D.Dense> UpInt(ReadOnlySpan<int> data)
    {
        var buffer = _accelerator.Allocate1D<int>(Math.Max(1, data.Length));
        if (!data.IsEmpty) buffer.View.AsContiguous().SubView(0, data.Length).CopyFromCPU(data);
        return buffer;
    }

    private void Down(MemoryBuffer1D<float, Stride1D.Dense> buffer, Span<float> destination)
    {
        _accelerator.Synchronize();
        if (!destination.IsEmpty) buffer.View.AsContiguous().SubView(0, destination.Length).CopyToCPU(destination);
    }

    private static ArrayView<float> V(MemoryBuffer1D<float, Stride1D.Dense> b, long length) => b.View.SubView(0, Math.Max(length, 0)).AsContiguous();

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0) return;
        int cLength = (m - 1) * ldc + n;
        using var da = Up(a); using var db = Up(b); using var dc = Up(c[..cLength]);
        _gemm(Grid((long)m * n), da.View, db.View, dc.View, new GemmShape(m, n, k, lda, ldb, ldc, transA ? 1 : 0, transB ? 1 : 0), alpha, beta);
        Down(dc, c[..cLength]);
    }

    public void Im2Col(ReadOnlySpan<float> x, in ConvGeometry g, int c0, int cn, Span<float> cols)
    {
        int length = cn * g.Taps * g.N * g.OutputPlane;
        using var dx = Up(x); using var dc = _accelerator.Allocate1D<float>(Math.Max(1, length));
        _im2col(Grid(length), dx.View, dc.View, g, c0, cn);
        Down(dc, cols[..length]);
    }

    public void Col2Im(ReadOnlySpan<float> cols, in ConvGeometry g, int c0, int cn, Span<float> dx)
    {
        int length = g.N * g.C * g.InputPlane;
        using var dc = Up(cols); using var ddx = Up(dx[..length]);  // other channels must survive: upload them
        _col2im(Grid((long)g.N * cn * g.InputPlane), dc.View, ddx.View, g, c0, cn);
        Down(ddx, dx[..length]);
    }

    public void DepthwiseForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, in ConvGeometry g)
    {
        int length = g.N * g.C * g.OutputPlane;
        using var dx = Up(x); using var dw = Up(w); using var dy = _accelerator.Allocate1D<float>(length);
        _dwForward(Grid(length), dx.View, dw.View, dy.View, g);
        Down(dy, y[..length]);
    }

    public void DepthwiseBackwardData(ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx, in ConvGeometry g)
    {
        int length = g.N * g.C * g.InputPlane;
        using var ddy = Up(dy); using var dw = Up(w); using var ddx = _accelerator.Allocate1D<float>(length);
        _dwData(Grid(length), ddy.View, dw.View, ddx.View, g);
        Down(ddx, dx[..length]);
    }

    public void DepthwiseBackwardFilter(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw, in ConvGeometry g)
    {
        int length = g.C * g.Taps;
        using var dx = Up(x); using var ddy = Up(dy); using var ddw = _accelerator.Allocate1D<float>(length);
        _dwFilter(Grid(length), dx.View, ddy.View, ddw.View, g);
        Down(ddw, dw[..length]);
    }

    public void SwapOuter(ReadOnlySpan<float> src, int a, int b, int inner, Span<float> dst)
    {
        int length = a * b * inner;
        using var ds = Up(src[..length]); using var dd = _accelerator.Allocate1D<float>(length);
        _swap(Grid(length), ds.View, dd.View, a, b, inner);
        Down(dd, dst[..length]);
    }

    /// <summary>im2col and GEMM on the device (the columns live for this call only), then the bias and activation.</summary>
    public void DirectConvForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, in ConvGeometry g,
        int outChannels, ActivationKind activation = ActivationKind.Identity, float alpha = 0)
    {
        int np = g.N * g.OutputPlane, k = g.C * g.Taps;
        var cols = new float[k * np];
        Im2Col(x, g, 0, g.C, cols);
        var yT = g.N > 1 ? new float[outChannels * np] : y;   // [Cout, N*OH*OW]
        Gemm(false, false, outChannels, np, k, 1f, w, k, cols, np, 0f, yT, np);
        if (g.N > 1) SwapOuter(yT, outChannels, g.N, g.OutputPlane, y);
        AddChannelBias(y, bias, g.N, outChannels, g.OutputPlane, activation, alpha);
    }

    public void AddChannelBias(Span<float> y, ReadOnlySpan<float> bias, int n, int c, int inner, ActivationKind activation = ActivationKind.Identity, float alpha = 0)
    {
        int length = n * c * inner;
        using var dy = Up(y[..length]); using var db = Up(bias);
        _bias(Grid(length), dy.View, db.View, c, inner, length);
        Down(dy, y[..length]);
        if (activation != ActivationKind.Identity) Activation(activation, alpha, y[..length], y);
    }

    public void ChannelAffine(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y, int n, int c, int inner)
    {
        int length = n * c * inner;
        using var dx = Up(x[..length]); using var ds = Up(scale); using var dt = Up(shift); using var dy = _accelerator.Allocate1D<float>(length);
        _affine(Grid(length), dx.View, ds.View, dt.View, dy.View, c, inner, length);
        Down(dy, y[..length]);
    }

    public void SumChannels(ReadOnlySpan<float> x, int n, int c, int inner, Span<float> sums)
    {
        using var dx = Up(x[..(n * c * inner)]); using var ds = _accelerator.Allocate1D<float>(c);
        _sumChannels(Grid(c), dx.View, ds.View, n, c, inner);
        Down(ds, sums[..c]);
    }

    public void Activation(ActivationKind kind, float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        using var dx = Up(x); using var dy = _accelerator.Allocate1D<float>(Math.Max(1, x.Length));
        _activation(Grid(x.Length), V(dx, x.Length), dy.View, (int)kind, alpha);
        Down(dy, y[..x.Length]);
    }

    public void ActivationBackward(ActivationKind kind, float alpha, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int length = dy.Length;
        using var dX = Up(x[..length]); using var dY = Up(y[..length]); using var dDy = Up(dy); using var dDx = _accelerator.Allocate1D<float>(Math.Max(1, length));
        _activationBackward(Grid(length), dX.View, dY.View, V(dDy, length), dDx.View, (int)kind, alpha);
        Down(dDx, dx[..length]);
    }

    public void MaxPoolForward(ReadOnlySpan<float> x, Span<float> y, Span<int> argmax, in ConvGeometry g)
    {
        int length = g.N * g.C * g.OutputPlane;
        using var dx = Up(x); using var dy = _accelerator.Allocate1D<float>(length); using var di = _accelerator.Allocate1D<int>(length);
        _maxPool(Grid(length), dx.View, dy.View, di.View, g);
        Down(dy, y[..length]);
        di.View.AsContiguous().CopyToCPU(argmax[..length]);
    }

    public void MaxPoolBackward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx)
    {
        using var ddy = Up(dy); using var di = UpInt(argmax[..dy.Length]); using var ddx = _accelerator.Allocate1D<float>(Math.Max(1, dx.Length));
        _clear(Grid(dx.Length), V(ddx, dx.Length));
        _maxPoolBackward(Grid(dy.Length), V(ddy, dy.Length), di.View, ddx.View);
        Down(ddx, dx);
    }

    public void AvgPoolForward(ReadOnlySpan<float> x, Span<float> y, in ConvGeometry g)
    {
        int length = g.N * g.C * g.OutputPlane;
        using var dx = Up(x); using var dy = _accelerator.Allocate1D<float>(length);
        _avgPool(Grid(length), dx.View, dy.View, g);
        Down(dy, y[..length]);
    }

    public void AvgPoolBackward(ReadOnlySpan<float> dy, Span<float> dx, in ConvGeometry g)
    {
        int length = g.N * g.C * g.InputPlane;
        using var ddy = Up(dy); using var ddx = _accelerator.Allocate1D<float>(length);
        _avgPoolBackward(Grid(length), ddy.View, ddx.View, g);
        Down(ddx, dx[..length]);
    }

    public void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        using var da = Up(a[..y.Length]); using var db = Up(b[..y.Length]); using var dy = _accelerator.Allocate1D<float>(Math.Max(1, y.Length));
        _add(Grid(y.Length), da.View, db.View, V(dy, y.Length));
        Down(dy, y);
    }

    public void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        using var dx = Up(x); using var dy = Up(y[..x.Length]);
        _axpy(Grid(x.Length), V(dx, x.Length), dy.View, alpha);
        Down(dy, y[..x.Length]);
    }

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }
}
