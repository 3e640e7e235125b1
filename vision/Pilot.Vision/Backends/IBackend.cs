namespace Pilot.Vision.Backends;

/// <summary>
/// The primitive core every backend implements (tinygrad's small op set): GEMM, im2col/col2im, depthwise
/// convolution, layout swaps, per-channel bias and reductions, pointwise activations, pooling, and vector
/// arithmetic. Layers in Ops/ are written once on top of these. All tensors are NCHW float32 spans;
/// outputs are overwritten unless a method says it accumulates.
/// </summary>
public interface IBackend : IDisposable
{
    string Name { get; }

    /// <summary>C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C, row-major; beta 0 ignores C's contents.</summary>
    void Gemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);

    /// <summary>Unfolds channels [c0, c0+cn) of x [N,C,H,W] into cols [cn*KH*KW, N*OH*OW] (zeros where the window hits padding).</summary>
    void Im2Col(ReadOnlySpan<float> x, in ConvGeometry g, int c0, int cn, Span<float> cols);

    /// <summary>Folds cols [cn*KH*KW, N*OH*OW] back into channels [c0, c0+cn) of dx [N,C,H,W], summing overlaps (overwrites those channels).</summary>
    void Col2Im(ReadOnlySpan<float> cols, in ConvGeometry g, int c0, int cn, Span<float> dx);

    /// <summary>y [N,C,OH,OW] = depthwise conv of x [N,C,H,W] with w [C,1,KH,KW] (one filter per channel).</summary>
    void DepthwiseForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, in ConvGeometry g);

    /// <summary>
    /// y [N,Cout,OH,OW] = f(conv(x [N,C,H,W], w [Cout,C,KH,KW]) + bias [Cout]) for groups = 1, computed directly with no
    /// im2col columns: the form for convolutions over few input channels and large images (a network's stem).
    /// </summary>
    void DirectConvForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y, in ConvGeometry g,
        int outChannels, ActivationKind activation = ActivationKind.Identity, float alpha = 0);

    /// <summary>dx [N,C,H,W] from dy [N,C,OH,OW] and w [C,1,KH,KW].</summary>
    void DepthwiseBackwardData(ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx, in ConvGeometry g);

    /// <summary>dw [C,1,KH,KW] from x [N,C,H,W] and dy [N,C,OH,OW].</summary>
    void DepthwiseBackwardFilter(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw, in ConvGeometry g);

    /// <summary>dst [b, a, inner] = src [a, b, inner]: NCHW &lt;-&gt; CNHW, the layout GEMM-based convolution works in.</summary>
    void SwapOuter(ReadOnlySpan<float> src, int a, int b, int inner, Span<float> dst);

    /// <summary>y [n, c, inner] = f(y + bias [c]) with f = <paramref name="activation"/> (the identity unless given): one pass
    /// for a layer's bias and the nonlinearity after it.</summary>
    void AddChannelBias(Span<float> y, ReadOnlySpan<float> bias, int n, int c, int inner,
        ActivationKind activation = ActivationKind.Identity, float alpha = 0);

    /// <summary>y [n, c, inner] = scale [c] * x [n, c, inner] + shift [c] (batch norm, in place allowed).</summary>
    void ChannelAffine(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y, int n, int c, int inner);

    /// <summary>sums [c] = sum over n and inner of x [n, c, inner].</summary>
    void SumChannels(ReadOnlySpan<float> x, int n, int c, int inner, Span<float> sums);

    /// <summary>y = f(x) elementwise.</summary>
    void Activation(ActivationKind kind, float alpha, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx = f'(x) * dy, using x and/or y = f(x) as the function needs.</summary>
    void ActivationBackward(ActivationKind kind, float alpha, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx);

    /// <summary>y [N,C,OH,OW] = window max of x [N,C,H,W] (padding never wins); argmax holds the flat input index of each max.</summary>
    void MaxPoolForward(ReadOnlySpan<float> x, Span<float> y, Span<int> argmax, in ConvGeometry g);

    /// <summary>dx = 0, then dx[argmax[i]] += dy[i] (overlapping windows add up).</summary>
    void MaxPoolBackward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx);

    /// <summary>y = window mean of x, dividing by the in-bounds cells only (padding does not count).</summary>
    void AvgPoolForward(ReadOnlySpan<float> x, Span<float> y, in ConvGeometry g);

    /// <summary>dx from dy for <see cref="AvgPoolForward"/>.</summary>
    void AvgPoolBackward(ReadOnlySpan<float> dy, Span<float> dx, in ConvGeometry g);

    /// <summary>y = a + b.</summary>
    void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);

    /// <summary>y += alpha * x.</summary>
    void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y);
}
