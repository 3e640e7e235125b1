using ILGPU;
using ILGPU.Algorithms;

namespace Pilot.Vision.Backends.Gpu;

/// <summary>Integer arguments of a GEMM launch (ILGPU caps a kernel's parameter count).</summary>
public readonly record struct GemmShape(int M, int N, int K, int Lda, int Ldb, int Ldc, int TransA, int TransB);

/// <summary>
/// ILGPU kernels for every <see cref="IBackend"/> primitive, one output element per loop iteration of a grid-stride
/// loop (so any launch size covers any problem: tiny grids on ILGPU's CPU emulator, full grids on CUDA). Each output
/// is computed by gathering its inputs, never by scattering, so results need no atomics and do not depend on
/// scheduling; max-pool backward, whose routing is data-dependent, is the one exception (atomic adds).
/// The arithmetic is that of <see cref="Cpu.ReferenceKernels"/>.
/// </summary>
public static class GpuKernels
{
    private static int Stride => Grid.DimX * Group.DimX;

    public static void Gemm(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, GemmShape s, float alpha, float beta)
    {
        for (int i = Grid.GlobalIndex.X; i < s.M * s.N; i += Stride)
        {
            int row = i / s.N, col = i % s.N;
            float sum = 0;
            for (int p = 0; p < s.K; p++)
                sum += (s.TransA != 0 ? a[p * s.Lda + row] : a[row * s.Lda + p]) * (s.TransB != 0 ? b[col * s.Ldb + p] : b[p * s.Ldb + col]);
            int o = row * s.Ldc + col;
            c[o] = alpha * sum + (beta == 0 ? 0 : beta * c[o]);
        }
    }

    public static void Im2Col(ArrayView<float> x, ArrayView<float> cols, ConvGeometry g, int c0, int cn)
    {
        int np = g.N * g.OH * g.OW;
        for (int i = Grid.GlobalIndex.X; i < cn * g.KH * g.KW * np; i += Stride)
        {
            int row = i / np, q = i % np;
            int c = row / (g.KH * g.KW), kh = row / g.KW % g.KH, kw = row % g.KW;
            int n = q / (g.OH * g.OW), oh = q / g.OW % g.OH, ow = q % g.OW;
            int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH, iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
            cols[i] = ih >= 0 && ih < g.H && iw >= 0 && iw < g.W ? x[((n * g.C + c0 + c) * g.H + ih) * g.W + iw] : 0;
        }
    }

    /// <summary>The output position an input coordinate feeds through tap k, or -1 (the inverse of ih = o*s - pad + k*d).</summary>
    private static int Source(int input, int k, int stride, int pad, int dilation, int outSize)
    {
        int t = input + pad - k * dilation;
        if (t < 0 || t % stride != 0) return -1;
        int o = t / stride;
        return o < outSize ? o : -1;
    }

    public static void Col2Im(ArrayView<float> cols, ArrayView<float> dx, ConvGeometry g, int c0, int cn)
    {
        int np = g.N * g.OH * g.OW;
        for (int i = Grid.GlobalIndex.X; i < g.N * cn * g.H * g.W; i += Stride)
        {
            int n = i / (cn * g.H * g.W), c = i / (g.H * g.W) % cn, ih = i / g.W % g.H, iw = i % g.W;
            float sum = 0;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int oh = Source(ih, kh, g.StrideH, g.PadTop, g.DilationH, g.OH);
                if (oh < 0) continue;
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int ow = Source(iw, kw, g.StrideW, g.PadLeft, g.DilationW, g.OW);
                    if (ow >= 0) sum += cols[((c * g.KH + kh) * g.KW + kw) * np + (n * g.OH + oh) * g.OW + ow];
                }
            }
            dx[((n * g.C + c0 + c) * g.H + ih) * g.W + iw] = sum;
        }
    }

    public static void DepthwiseForward(ArrayView<float> x, ArrayView<float> w, ArrayView<float> y, ConvGeometry g)
    {
        for (int i = Grid.GlobalIndex.X; i < g.N * g.C * g.OH * g.OW; i += Stride)
        {
            int plane = i / (g.OH * g.OW), oh = i / g.OW % g.OH, ow = i % g.OW, c = plane % g.C;
            float sum = 0;
            for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH, iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                    if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W) sum += x[(plane * g.H + ih) * g.W + iw] * w[(c * g.KH + kh) * g.KW + kw];
                }
            y[i] = sum;
        }
    }

    public static void DepthwiseBackwardData(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> dx, ConvGeometry g)
    {
        for (int i = Grid.GlobalIndex.X; i < g.N * g.C * g.H * g.W; i += Stride)
        {
            int plane = i / (g.H * g.W), ih = i / g.W % g.H, iw = i % g.W, c = plane % g.C;
            float sum = 0;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int oh = Source(ih, kh, g.StrideH, g.PadTop, g.DilationH, g.OH);
                if (oh < 0) continue;
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int ow = Source(iw, kw, g.StrideW, g.PadLeft, g.DilationW, g.OW);
                    if (ow >= 0) sum += dy[(plane * g.OH + oh) * g.OW + ow] * w[(c * g.KH + kh) * g.KW + kw];
                }
            }
            dx[i] = sum;
        }
    }

    public static void DepthwiseBackwardFilter(ArrayView<float> x, ArrayView<float> dy, ArrayView<float> dw, ConvGeometry g)
    {
        for (int i = Grid.GlobalIndex.X; i < g.C * g.KH * g.KW; i += Stride)
        {
            int c = i / (g.KH * g.KW), kh = i / g.KW % g.KH, kw = i % g.KW;
            float sum = 0;
            for (int n = 0; n < g.N; n++)
                for (int oh = 0; oh < g.OH; oh++)
                    for (int ow = 0; ow < g.OW; ow++)
                    {
                        int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH, iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                        if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W)
                            sum += x[((n * g.C + c) * g.H + ih) * g.W + iw] * dy[((n * g.C + c) * g.OH + oh) * g.OW + ow];
                    }
            dw[i] = sum;
        }
    }

    public static void SwapOuter(ArrayView<float> src, ArrayView<float> dst, int a, int b, int inner)
    {
        for (int i = Grid.GlobalIndex.X; i < a * b * inner; i += Stride)
        {
            int ia = i / (b * inner), ib = i / inner % b, k = i % inner;
            dst[(ib * a + ia) * inner + k] = src[i];
        }
    }

    public static void ChannelAffine(ArrayView<float> x, ArrayView<float> scale, ArrayView<float> shift, ArrayView<float> y, int c, int inner, int total)
    {
        for (int i = Grid.GlobalIndex.X; i < total; i += Stride)
        {
            int ch = i / inner % c;
            y[i] = scale[ch] * x[i] + shift[ch];
        }
    }

    public static void AddBias(ArrayView<float> y, ArrayView<float> bias, int c, int inner, int total)
    {
        for (int i = Grid.GlobalIndex.X; i < total; i += Stride) y[i] += bias[i / inner % c];
    }

    public static void SumChannels(ArrayView<float> x, ArrayView<float> sums, int n, int c, int inner)
    {
        for (int ch = Grid.GlobalIndex.X; ch < c; ch += Stride)
        {
            float s = 0;
            for (int i = 0; i < n; i++)
                for (int k = 0; k < inner; k++) s += x[(i * c + ch) * inner + k];
            sums[ch] = s;
        }
    }

    private static float Sigmoid(float x) => x >= 0 ? 1 / (1 + XMath.Exp(-x)) : XMath.Exp(x) / (1 + XMath.Exp(x));

    private static float Forward(int kind, float alpha, float x) => (ActivationKind)kind switch
    {
        ActivationKind.Relu => x > 0 ? x : 0,
        ActivationKind.LeakyRelu => x > 0 ? x : alpha * x,
        ActivationKind.Elu => x > 0 ? x : alpha * (XMath.Exp(x) - 1),
        ActivationKind.Selu => Cpu.ActivationMath.SeluScale * (x > 0 ? x : Cpu.ActivationMath.SeluAlpha * (XMath.Exp(x) - 1)),
        ActivationKind.Sigmoid => Sigmoid(x),
        ActivationKind.Tanh => XMath.Tanh(x),
        _ => x,
    };

    private static float Derivative(int kind, float alpha, float x, float y) => (ActivationKind)kind switch
    {
        ActivationKind.Relu => x > 0 ? 1 : 0,
        ActivationKind.LeakyRelu => x > 0 ? 1 : alpha,
        ActivationKind.Elu => x > 0 ? 1 : y + alpha,
        ActivationKind.Selu => x > 0 ? Cpu.ActivationMath.SeluScale : y + Cpu.ActivationMath.SeluScale * Cpu.ActivationMath.SeluAlpha,
        ActivationKind.Sigmoid => y * (1 - y),
        ActivationKind.Tanh => 1 - y * y,
        _ => 1,
    };

    public static void Activation(ArrayView<float> x, ArrayView<float> y, int kind, float alpha)
    {
        for (int i = Grid.GlobalIndex.X; i < (int)x.Length; i += Stride) y[i] = Forward(kind, alpha, x[i]);
    }

    public static void ActivationBackward(ArrayView<float> x, ArrayView<float> y, ArrayView<float> dy, ArrayView<float> dx, int kind, float alpha)
    {
        for (int i = Grid.GlobalIndex.X; i < (int)dy.Length; i += Stride) dx[i] = Derivative(kind, alpha, x[i], y[i]) * dy[i];
    }

    public static void MaxPool(ArrayView<float> x, ArrayView<float> y, ArrayView<int> argmax, ConvGeometry g)
    {
        for (int i = Grid.GlobalIndex.X; i < g.N * g.C * g.OH * g.OW; i += Stride)
        {
            int plane = i / (g.OH * g.OW), oh = i / g.OW % g.OH, ow = i % g.OW;
            float best = float.NegativeInfinity;
            int at = -1;
            for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH, iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                    if (ih < 0 || ih >= g.H || iw < 0 || iw >= g.W) continue;
                    int idx = (plane * g.H + ih) * g.W + iw;
                    if (at < 0 || x[idx] > best) { best = x[idx]; at = idx; }
                }
            y[i] = best;
            argmax[i] = at;
        }
    }

    public static void Clear(ArrayView<float> x)
    {
        for (int i = Grid.GlobalIndex.X; i < (int)x.Length; i += Stride) x[i] = 0;
    }

    public static void MaxPoolBackward(ArrayView<float> dy, ArrayView<int> argmax, ArrayView<float> dx)
    {
        for (int i = Grid.GlobalIndex.X; i < (int)dy.Length; i += Stride) Atomic.Add(ref dx[argmax[i]], dy[i]);
    }

    private static int Count(int oh, int ow, ConvGeometry g)
    {
        int count = 0;
        for (int kh = 0; kh < g.KH; kh++)
            for (int kw = 0; kw < g.KW; kw++)
            {
                int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH, iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W) count++;
            }
        return count;
    }

    public static void AvgPool(ArrayView<float> x, ArrayView<float> y, ConvGeometry g)
    {
        for (int i = Grid.GlobalIndex.X; i < g.N * g.C * g.OH * g.OW; i += Stride)
        {
            int plane = i / (g.OH * g.OW), oh = i / g.OW % g.OH, ow = i % g.OW;
            float sum = 0;
            for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int ih = oh * g.StrideH - g.PadTop + kh * g.DilationH, iw = ow * g.StrideW - g.PadLeft + kw * g.DilationW;
                    if (ih >= 0 && ih < g.H && iw >= 0 && iw < g.W) sum += x[(plane * g.H + ih) * g.W + iw];
                }
            y[i] = sum / Count(oh, ow, g);
        }
    }

    public static void AvgPoolBackward(ArrayView<float> dy, ArrayView<float> dx, ConvGeometry g)
    {
        for (int i = Grid.GlobalIndex.X; i < g.N * g.C * g.H * g.W; i += Stride)
        {
            int plane = i / (g.H * g.W), ih = i / g.W % g.H, iw = i % g.W;
            float sum = 0;
            for (int kh = 0; kh < g.KH; kh++)
            {
                int oh = Source(ih, kh, g.StrideH, g.PadTop, g.DilationH, g.OH);
                if (oh < 0) continue;
                for (int kw = 0; kw < g.KW; kw++)
                {
                    int ow = Source(iw, kw, g.StrideW, g.PadLeft, g.DilationW, g.OW);
                    if (ow >= 0) sum += dy[(plane * g.OH + oh) * g.OW + ow] / Count(oh, ow, g);
                }
            }
            dx[i] = sum;
        }
    }

    public static void Add(ArrayView<float> a, ArrayView<float> b, ArrayView<float> y)
    {
        for (int i = Grid.GlobalIndex.X; i < (int)y.Length; i += Stride) y[i] = a[i] + b[i];
    }

    public static void Axpy(ArrayView<float> x, ArrayView<float> y, float alpha)
    {
        for (int i = Grid.GlobalIndex.X; i < (int)x.Length; i += Stride) y[i] += alpha * x[i];
    }
}
