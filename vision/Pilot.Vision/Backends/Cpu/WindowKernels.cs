using System.Runtime.CompilerServices;

namespace Pilot.Vision.Backends.Cpu;

/// <summary>
/// Fast CPU kernels for window operations (im2col/col2im, depthwise convolution, pooling), each over a range of
/// independent work items (rows of cols, channels or planes) so threads write disjoint memory. Stride-1 rows use
/// the vector loops; other strides gather. <see cref="ReferenceKernels"/> holds the definitions they are tested against.
/// </summary>
public static unsafe class WindowKernels
{
    /// <summary>The output columns ow in [lo, hi) whose input column ow*stride + offset lies inside [0, width).</summary>
    private static (int Lo, int Hi) Inside(int offset, int stride, int outWidth, int width)
    {
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int hi = width - offset <= 0 ? 0 : Math.Min(outWidth, (width - offset + stride - 1) / stride);
        return (lo, Math.Max(lo, hi));
    }

    /// <summary>Im2col rows [r0, r1) of cols [cn*KH*KW, N*OH*OW] for channels starting at c0.</summary>
    public static void Im2ColRows(SimdLevel level, float* x, in ConvGeometry g, int c0, float* cols, int r0, int r1)
    {
        int np = g.N * g.OutputPlane;
        for (int r = r0; r < r1; r++)
        {
            int c = c0 + r / g.Taps, kh = r % g.Taps / g.KW, kw = r % g.KW;
            int offW = kw * g.DilationW - g.PadLeft;
            var (lo, hi) = Inside(offW, g.StrideW, g.OW, g.W);
            float* dstRow = cols + (long)r * np;
            for (int n = 0; n < g.N; n++)
            {
                float* plane = x + ((long)n * g.C + c) * g.InputPlane;
                for (int oh = 0; oh < g.OH; oh++)
                {
                    float* dst = dstRow + (n * g.OH + oh) * g.OW;
                    int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                    if ((uint)ih >= (uint)g.H) { new Span<float>(dst, g.OW).Clear(); continue; }
                    float* src = plane + ih * g.W + offW;
                    for (int ow = 0; ow < lo; ow++) dst[ow] = 0;
                    if (g.StrideW == 1 && hi - lo > 16) Unsafe.CopyBlockUnaligned(dst + lo, src + lo, (uint)(hi - lo) * sizeof(float));
                    else if (g.StrideW == 2) VectorOps.CopyStride2(level, src + 2 * lo, dst + lo, hi - lo);
                    else for (int ow = lo; ow < hi; ow++) dst[ow] = src[ow * g.StrideW];  // short rows: a call costs more than the copy
                    for (int ow = hi; ow < g.OW; ow++) dst[ow] = 0;
                }
            }
        }
    }

    /// <summary>Col2im for channels [ch0, ch1) (relative to c0): overwrites those channels of dx with the folded sums.</summary>
    public static void Col2ImChannels(SimdLevel level, float* cols, in ConvGeometry g, int c0, float* dx, int ch0, int ch1)
    {
        int np = g.N * g.OutputPlane;
        for (int ch = ch0; ch < ch1; ch++)
        {
            int c = c0 + ch;
            for (int n = 0; n < g.N; n++) new Span<float>(dx + ((long)n * g.C + c) * g.InputPlane, g.InputPlane).Clear();
            for (int t = 0; t < g.Taps; t++)
            {
                int kh = t / g.KW, kw = t % g.KW;
                int offW = kw * g.DilationW - g.PadLeft;
                var (lo, hi) = Inside(offW, g.StrideW, g.OW, g.W);
                float* srcRow = cols + (long)(ch * g.Taps + t) * np;
                for (int n = 0; n < g.N; n++)
                {
                    float* plane = dx + ((long)n * g.C + c) * g.InputPlane;
                    for (int oh = 0; oh < g.OH; oh++)
                    {
                        int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                        if ((uint)ih >= (uint)g.H) continue;
                        float* src = srcRow + (n * g.OH + oh) * g.OW;
                        float* dst = plane + ih * g.W + offW;
                        if (g.StrideW == 1 && hi - lo > 16) VectorOps.Axpy(level, 1f, src + lo, dst + lo, hi - lo);
                        else for (int ow = lo; ow < hi; ow++) dst[ow * g.StrideW] += src[ow];
                    }
                }
            }
        }
    }

    /// <summary>Depthwise forward for planes [p0, p1) of N*C.</summary>
    public static void DepthwiseForwardPlanes(SimdLevel level, float* x, float* w, float* y, in ConvGeometry g, int p0, int p1)
    {
        for (int plane = p0; plane < p1; plane++)
        {
            int c = plane % g.C;
            float* src = x + (long)plane * g.InputPlane;
            float* dst = y + (long)plane * g.OutputPlane;
            float* filter = w + c * g.Taps;
            new Span<float>(dst, g.OutputPlane).Clear();
            for (int oh = 0; oh < g.OH; oh++)
            {
                float* row = dst + oh * g.OW;
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                    if ((uint)ih >= (uint)g.H) continue;
                    for (int kw = 0; kw < g.KW; kw++)
                    {
                        float wv = filter[kh * g.KW + kw];
                        int offW = kw * g.DilationW - g.PadLeft;
                        var (lo, hi) = Inside(offW, g.StrideW, g.OW, g.W);
                        float* s = src + ih * g.W + offW;
                        if (g.StrideW == 1) VectorOps.Axpy(level, wv, s + lo, row + lo, hi - lo);
                        else if (g.StrideW == 2) VectorOps.AxpyStride2(level, wv, s + 2 * lo, row + lo, hi - lo);
                        else for (int ow = lo; ow < hi; ow++) row[ow] += wv * s[ow * g.StrideW];
                    }
                }
            }
        }
    }

    /// <summary>Depthwise backward-data for planes [p0, p1) of N*C.</summary>
    public static void DepthwiseBackwardDataPlanes(SimdLevel level, float* dy, float* w, float* dx, in ConvGeometry g, int p0, int p1)
    {
        for (int plane = p0; plane < p1; plane++)
        {
            int c = plane % g.C;
            float* grad = dy + (long)plane * g.OutputPlane;
            float* dst = dx + (long)plane * g.InputPlane;
            float* filter = w + c * g.Taps;
            new Span<float>(dst, g.InputPlane).Clear();
            for (int oh = 0; oh < g.OH; oh++)
            {
                float* row = grad + oh * g.OW;
                for (int kh = 0; kh < g.KH; kh++)
                {
                    int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                    if ((uint)ih >= (uint)g.H) continue;
                    for (int kw = 0; kw < g.KW; kw++)
                    {
                        float wv = filter[kh * g.KW + kw];
                        int offW = kw * g.DilationW - g.PadLeft;
                        var (lo, hi) = Inside(offW, g.StrideW, g.OW, g.W);
                        float* d = dst + ih * g.W + offW;
                        if (g.StrideW == 1) VectorOps.Axpy(level, wv, row + lo, d + lo, hi - lo);
                        else for (int ow = lo; ow < hi; ow++) d[ow * g.StrideW] += wv * row[ow];
                    }
                }
            }
        }
    }

    /// <summary>Depthwise backward-filter for channels [c0, c1): sums over the whole batch, so no two threads share a weight.</summary>
    public static void DepthwiseBackwardFilterChannels(SimdLevel level, float* x, float* dy, float* dw, in ConvGeometry g, int c0, int c1)
    {
        for (int c = c0; c < c1; c++)
            for (int t = 0; t < g.Taps; t++)
            {
                int kh = t / g.KW, kw = t % g.KW;
                int offW = kw * g.DilationW - g.PadLeft;
                var (lo, hi) = Inside(offW, g.StrideW, g.OW, g.W);
                float sum = 0;
                for (int n = 0; n < g.N; n++)
                {
                    float* src = x + ((long)n * g.C + c) * g.InputPlane;
                    float* grad = dy + ((long)n * g.C + c) * g.OutputPlane;
                    for (int oh = 0; oh < g.OH; oh++)
                    {
                        int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                        if ((uint)ih >= (uint)g.H) continue;
                        float* s = src + ih * g.W + offW;
                        float* r = grad + oh * g.OW;
                        if (g.StrideW == 1) sum += VectorOps.Dot(level, s + lo, r + lo, hi - lo);
                        else for (int ow = lo; ow < hi; ow++) sum += s[ow * g.StrideW] * r[ow];
                    }
                }
                dw[c * g.Taps + t] = sum;
            }
    }

    /// <summary>Max pooling for planes [p0, p1); ties keep the first (top-left) cell, as the reference does.</summary>
    public static void MaxPoolPlanes(float* x, float* y, int* argmax, in ConvGeometry g, int p0, int p1)
    {
        if (g is { KH: 2, KW: 2, StrideH: 2, StrideW: 2, PadTop: 0, PadLeft: 0, PadBottom: 0, PadRight: 0, DilationH: 1, DilationW: 1 })
        {
            MaxPool2x2Planes(x, y, argmax, g, p0, p1);
            return;
        }
        for (int plane = p0; plane < p1; plane++)
        {
            float* src = x + (long)plane * g.InputPlane;
            int baseIndex = plane * g.InputPlane;
            for (int oh = 0; oh < g.OH; oh++)
                for (int ow = 0; ow < g.OW; ow++)
                {
                    float best = float.NegativeInfinity;
                    int at = -1;
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                        if ((uint)ih >= (uint)g.H) continue;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                            if ((uint)iw >= (uint)g.W) continue;
                            float v = src[ih * g.W + iw];
                            if (at < 0 || v > best) { best = v; at = ih * g.W + iw; }
                        }
                    }
                    int o = (plane * g.OH + oh) * g.OW + ow;
                    y[o] = best;
                    argmax[o] = baseIndex + at;
                }
        }
    }

    /// <summary>The common 2x2 stride-2 unpadded case without bounds checks; same tie rule (scan order, strict greater).</summary>
    private static void MaxPool2x2Planes(float* x, float* y, int* argmax, in ConvGeometry g, int p0, int p1)
    {
        int w = g.W;
        for (int plane = p0; plane < p1; plane++)
        {
            int baseIndex = plane * g.InputPlane;
            float* src = x + baseIndex;
            int o = plane * g.OutputPlane;
            for (int oh = 0; oh < g.OH; oh++)
            {
                float* r0 = src + 2 * oh * w;
                float* r1 = r0 + w;
                for (int ow = 0; ow < g.OW; ow++, o++)
                {
                    int c = 2 * ow;
                    float best = r0[c]; int at = 2 * oh * w + c;
                    if (r0[c + 1] > best) { best = r0[c + 1]; at = 2 * oh * w + c + 1; }
                    if (r1[c] > best) { best = r1[c]; at = (2 * oh + 1) * w + c; }
                    if (r1[c + 1] > best) { best = r1[c + 1]; at = (2 * oh + 1) * w + c + 1; }
                    y[o] = best;
                    argmax[o] = baseIndex + at;
                }
            }
        }
    }

    /// <summary>Average pooling (forward when !backward, else backward) for planes [p0, p1).</summary>
    public static void AvgPoolPlanes(float* src, float* dst, in ConvGeometry g, int p0, int p1, bool backward)
    {
        if (backward) new Span<float>(dst + (long)p0 * g.InputPlane, (p1 - p0) * g.InputPlane).Clear();
        for (int plane = p0; plane < p1; plane++)
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow = 0; ow < g.OW; ow++)
                {
                    int count = 0;
                    float sum = 0;
                    int o = (plane * g.OH + oh) * g.OW + ow;
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                        if ((uint)ih >= (uint)g.H) continue;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                            if ((uint)iw >= (uint)g.W) continue;
                            count++;
                            if (!backward) sum += src[(plane * g.H + ih) * g.W + iw];
                        }
                    }
                    if (!backward) { dst[o] = sum / count; continue; }
                    float share = src[o] / count;
                    for (int kh = 0; kh < g.KH; kh++)
                    {
                        int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH;
                        if ((uint)ih >= (uint)g.H) continue;
                        for (int kw = 0; kw < g.KW; kw++)
                        {
                            int iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                            if ((uint)iw >= (uint)g.W) continue;
                            dst[(plane * g.H + ih) * g.W + iw] += share;
                        }
                    }
                }
            }
    }
}
