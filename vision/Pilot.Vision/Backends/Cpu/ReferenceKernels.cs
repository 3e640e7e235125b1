namespace Pilot.Vision.Backends.Cpu;

/// <summary>
/// Plain loops for every backend primitive except GEMM (see <see cref="SgemmReference"/>): the definition the fast
/// CPU kernels (and any other backend) are tested against. Written for clarity, never for speed.
/// </summary>
public static class ReferenceKernels
{
    public static void Im2Col(ReadOnlySpan<float> x, in ConvGeometry g, int c0, int cn, Span<float> cols)
    {
        int np = g.N * g.OutputPlane;
        for (int c = 0; c < cn; c++)
            for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int row = (c * g.KH + kh) * g.KW + kw;
                    for (int n = 0; n < g.N; n++)
                        for (int oh = 0; oh < g.OH; oh++)
                            for (int ow = 0; ow < g.OW; ow++)
                            {
                                int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                                int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                                bool inside = ih >= 0 && ih < g.H && iw >= 0 && iw < g.W;
                                cols[row * np + (n * g.OH + oh) * g.OW + ow] = inside ? x[((n * g.C + c0 + c) * g.H + ih) * g.W + iw] : 0;
                            }
                }
    }

    public static void Col2Im(ReadOnlySpan<float> cols, in ConvGeometry g, int c0, int cn, Span<float> dx)
    {
        int np = g.N * g.OutputPlane;
        for (int n = 0; n < g.N; n++)
            dx.Slice((n * g.C + c0) * g.InputPlane, cn * g.InputPlane).Clear();
        for (int c = 0; c < cn; c++)
            for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int row = (c * g.KH + kh) * g.KW + kw;
                    for (int n = 0; n < g.N; n++)
                        for (int oh = 0; oh < g.OH; oh++)
                            for (int ow = 0; ow < g.OW; ow++)
                            {
                                int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                                int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                                if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W)
                                    dx[((n * g.C + c0 + c) * g.H + ih) * g.W + iw] += cols[row * np + (n * g.OH + oh) * g.OW + ow];
                            }
                }
    }

    public static void DepthwiseForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, in ConvGeometry g)
    {
        for (int n = 0; n < g.N; n++)
            for (int c = 0; c < g.C; c++)
                for (int oh = 0; oh < g.OH; oh++)
                    for (int ow = 0; ow < g.OW; ow++)
                    {
                        double sum = 0;
                        for (int kh = 0; kh < g.KH; kh++)
                            for (int kw = 0; kw < g.KW; kw++)
                            {
                                int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                                int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                                if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W)
                                    sum += x[((n * g.C + c) * g.H + ih) * g.W + iw] * w[(c * g.KH + kh) * g.KW + kw];
                            }
                        y[((n * g.C + c) * g.OH + oh) * g.OW + ow] = (float)sum;
                    }
    }

    public static void DepthwiseBackwardData(ReadOnlySpan<float> dy, ReadOnlySpan<float> w, Span<float> dx, in ConvGeometry g)
    {
        dx[..(g.N * g.C * g.InputPlane)].Clear();
        for (int n = 0; n < g.N; n++)
            for (int c = 0; c < g.C; c++)
                for (int oh = 0; oh < g.OH; oh++)
                    for (int ow = 0; ow < g.OW; ow++)
                        for (int kh = 0; kh < g.KH; kh++)
                            for (int kw = 0; kw < g.KW; kw++)
                            {
                                int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                                int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                                if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W)
                                    dx[((n * g.C + c) * g.H + ih) * g.W + iw] += dy[((n * g.C + c) * g.OH + oh) * g.OW + ow] * w[(c * g.KH + kh) * g.KW + kw];
                            }
    }

    public static void DepthwiseBackwardFilter(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dw, in ConvGeometry g)
    {
        for (int c = 0; c < g.C; c++)
            for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    double sum = 0;
                    for (int n = 0; n < g.N; n++)
                        for (int oh = 0; oh < g.OH; oh++)
                            for (int ow = 0; ow < g.OW; ow++)
                            {
                                int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                                int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                                if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W)
                                    sum += x[((n * g.C + c) * g.H + ih) * g.W + iw] * dy[((n * g.C + c) * g.OH + oh) * g.OW + ow];
                            }
                    dw[(c * g.KH + kh) * g.KW + kw] = (float)sum;
                }
    }

    public static void SwapOuter(ReadOnlySpan<float> src, int a, int b, int inner, Span<float> dst)
    {
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
                src.Slice((i * b + j) * inner, inner).CopyTo(dst.Slice((j * a + i) * inner, inner));
    }

    public static void AddChannelBias(Span<float> y, ReadOnlySpan<float> bias, int n, int c, int inner)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++)
                for (int k = 0; k < inner; k++) y[(i * c + j) * inner + k] += bias[j];
    }

    public static void ChannelAffine(ReadOnlySpan<float> x, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y, int n, int c, int inner)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++)
                for (int k = 0; k < inner; k++) y[(i * c + j) * inner + k] = scale[j] * x[(i * c + j) * inner + k] + shift[j];
    }

    public static void SumChannels(ReadOnlySpan<float> x, int n, int c, int inner, Span<float> sums)
    {
        for (int j = 0; j < c; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
                for (int k = 0; k < inner; k++) s += x[(i * c + j) * inner + k];
            sums[j] = (float)s;
        }
    }

    /// <summary>y [N, Cout, OH, OW] = f(b [co] + Σ_ci,ky,kx w [co, ci, ky, kx] · x [n, ci, oy·S + ky·D − pad, ox·S + kx·D − pad]), groups 1.</summary>
    public static void DirectConvForward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y,
        in ConvGeometry g, int cout, ActivationKind activation, float alpha)
    {
        for (int n = 0; n < g.N; n++)
            for (int co = 0; co < cout; co++)
                for (int oy = 0; oy < g.OH; oy++)
                    for (int ox = 0; ox < g.OW; ox++)
                    {
                        float sum = bias[co];
                        for (int ci = 0; ci < g.C; ci++)
                            for (int ky = 0; ky < g.KH; ky++)
                            {
                                int ih = oy * g.StrideH - g.PadTop + ky * g.DilationH;
                                if ((uint)ih >= (uint)g.H) continue;
                                for (int kx = 0; kx < g.KW; kx++)
                                {
                                    int iw = ox * g.StrideW - g.PadLeft + kx * g.DilationW;
                                    if ((uint)iw >= (uint)g.W) continue;
                                    sum += w[((co * g.C + ci) * g.KH + ky) * g.KW + kx] * x[((n * g.C + ci) * g.H + ih) * g.W + iw];
                                }
                            }
                        y[((n * cout + co) * g.OH + oy) * g.OW + ox] = ActivationMath.Forward(activation, alpha, sum);
                    }
    }

    public static void Activation(ActivationKind kind, float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = ActivationMath.Forward(kind, alpha, x[i]);
    }

    public static void ActivationBackward(ActivationKind kind, float alpha, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < dy.Length; i++) dx[i] = ActivationMath.Derivative(kind, alpha, x[i], y[i]) * dy[i];
    }

    public static void MaxPoolForward(ReadOnlySpan<float> x, Span<float> y, Span<int> argmax, in ConvGeometry g)
    {
        for (int plane = 0; plane < g.N * g.C; plane++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    float best = float.NegativeInfinity;
                    int at = -1;
                    for (int kh = 0; kh < g.KH; kh++)
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                            int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                            if (ih < 0 || ih >= g.H || iw < 0 || iw >= g.W) continue;
                            int idx = (plane * g.H + ih) * g.W + iw;
                            if (at < 0 || x[idx] > best) { best = x[idx]; at = idx; }
                        }
                    int o = (plane * g.OH + oh) * g.OW + ow;
                    y[o] = best;
                    argmax[o] = at;
                }
    }

    public static void MaxPoolBackward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, Span<float> dx)
    {
        dx.Clear();
        for (int i = 0; i < dy.Length; i++) dx[argmax[i]] += dy[i];
    }

    public static void AvgPoolForward(ReadOnlySpan<float> x, Span<float> y, in ConvGeometry g)
    {
        for (int plane = 0; plane < g.N * g.C; plane++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    double sum = 0;
                    int count = 0;
                    for (int kh = 0; kh < g.KH; kh++)
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                            int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                            if (ih < 0 || ih >= g.H || iw < 0 || iw >= g.W) continue;
                            sum += x[(plane * g.H + ih) * g.W + iw];
                            count++;
                        }
                    y[(plane * g.OH + oh) * g.OW + ow] = (float)(sum / count);
                }
    }

    public static void AvgPoolBackward(ReadOnlySpan<float> dy, Span<float> dx, in ConvGeometry g)
    {
        dx[..(g.N * g.C * g.InputPlane)].Clear();
        for (int plane = 0; plane < g.N * g.C; plane++)
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    int count = 0;
                    for (int pass = 0; pass < 2; pass++)
                        for (int kh = 0; kh < g.KH; kh++)
                            for (int kw = 0; kw < g.KW; kw++)
                            {
                                int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                                int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                                if (ih < 0 || ih >= g.H || iw < 0 || iw >= g.W) continue;
                                if (pass == 0) count++;
                                else dx[(plane * g.H + ih) * g.W + iw] += dy[(plane * g.OH + oh) * g.OW + ow] / count;
                            }
                }
    }

    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = a[i] + b[i];
    }

    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += alpha * x[i];
    }
}
