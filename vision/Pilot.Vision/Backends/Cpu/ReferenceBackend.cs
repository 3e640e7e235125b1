namespace Pilot.Vision.Backends.Cpu;

/// <summary>The backend made of the plain reference loops: slow, single-threaded, obviously right. Tests hold every other backend to it.</summary>
public sealed class ReferenceBackend : IBackend
{
    public string Name => "reference";

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => SgemmReference.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    public void Im2Col(ReadOnlySpan<float> x, in ConvGeometry g, int c0, int cn, Span<float> cols) => ReferenceKernels.Im2Col(x, g, c0, cn, cols);
    public void Col2Im(ReadOnlySpan<float> cols, in ConvGeometry g, int c0, int cn, Span<float> dx) => ReferenceKernels.Col2Im(cols, g, c0, cn, dx);
    public void DepthwiseForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, in ConvGeometry g) => ReferenceKernels.DepthwiseForward(x, w, y, g);
    public void DepthwiseBackwardData(ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx, in ConvGeometry g) => ReferenceKernels.DepthwiseBackwardData(dy, w, dx, g);
    public void DepthwiseBackwardFilter(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw, in ConvGeometry g) => ReferenceKernels.DepthwiseBackwardFilter(x, dy, dw, g);
    public void SwapOuter(ReadOnlySpan<float> src, int a, int b, int inner, Span<float> dst) => ReferenceKernels.SwapOuter(src, a, b, inner, dst);
    public void DirectConvForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, in ConvGeometry g,
        int outChannels, ActivationKind activation = ActivationKind.Identity, float alpha = 0)
        => ReferenceKernels.DirectConvForward(x, w, bias, y, g, outChannels, activation, alpha);
    public void AddChannelBias(Span<float> y, ReadOnlySpan<float> bias, int n, int c, int inner, ActivationKind activation = ActivationKind.Identity, float alpha = 0)
    {
        ReferenceKernels.AddChannelBias(y, bias, n, c, inner);
        if (activation != ActivationKind.Identity) ReferenceKernels.Activation(activation, alpha, y[..(n * c * inner)], y);
    }
    public void ChannelAffine(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y, int n, int c, int inner)
        => ReferenceKernels.ChannelAffine(x, scale, shift, y, n, c, inner);
    public void SumChannels(ReadOnlySpan<float> x, int n, int c, int inner, Span<float> sums) => ReferenceKernels.SumChannels(x, n, c, inner, sums);
    public void Activation(ActivationKind kind, float alpha, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Activation(kind, alpha, x, y);
    public void ActivationBackward(ActivationKind kind, float alpha, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        => ReferenceKernels.ActivationBackward(kind, alpha, x, y, dy, dx);
    public void MaxPoolForward(ReadOnlySpan<float> x, Span<float> y, Span<int> argmax, in ConvGeometry g) => ReferenceKernels.MaxPoolForward(x, y, argmax, g);
    public void MaxPoolBackward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx) => ReferenceKernels.MaxPoolBackward(dy, argmax, dx);
    public void AvgPoolForward(ReadOnlySpan<float> x, Span<float> y, in ConvGeometry g) => ReferenceKernels.AvgPoolForward(x, y, g);
    public void AvgPoolBackward(ReadOnlySpan<float> dy, Span<float> dx, in ConvGeometry g) => ReferenceKernels.AvgPoolBackward(dy, dx, g);
    public void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => ReferenceKernels.Add(a, b, y);
    public void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y) => ReferenceKernels.Axpy(alpha, x, y);
    public void Dispose() { }
}
