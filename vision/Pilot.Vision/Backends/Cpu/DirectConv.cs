using System.Runtime.Intrinsics;

namespace Pilot.Vision.Backends.Cpu;

/// <summary>
/// Direct convolution (groups = 1, dilation 1, equal strides) with the bias and activation in the same pass: the fast
/// form of <see cref="ReferenceKernels.DirectConvForward"/> for convolutions over few input channels and large images,
/// a network's stem. There im2col + GEMM streams its column matrix three times (write, pack, read: 3.5 MB for the lane
/// network's 12 → 32 stem at 128×256) and the output once more for the bias; this reads the input once and writes
/// the output once.
/// <para>
/// Step 1 copies the input into zero-padded rows split by stride phase, P [n, ci, r, phase, j] = xpad [n, ci, r, j·S +
/// phase], so the input under 16 consecutive outputs is 16 consecutive floats for every tap (kx = phase + S·offset).
/// Step 2 computes each output row in tiles of 4 output channels × 64 columns: 16 zmm accumulators; per tap 4 loads
/// of input and 4 broadcast weights feed 16 FMAs. Column and channel tails run the same tile, narrower.
/// </para>
/// </summary>
public static unsafe class DirectConv
{
    private const int Lanes = 16;          // floats per zmm
    private const int TileChannels = 4;    // output channels per tile
    private const int TileVectors = 4;     // 64 output columns per tile

    /// <summary>Floats per padded row (all phases), per phase, and padded rows per channel.</summary>
    public static (int RowStride, int PhaseStride, int Rows) Layout(in ConvGeometry g)
    {
        int phaseStride = (g.W + g.PadLeft + g.PadRight + g.StrideW - 1) / g.StrideW + TileVectors * Lanes;  // slack: a tail tile reads past the row
        return (g.StrideW * phaseStride, phaseStride, g.H + g.PadTop + g.PadBottom);
    }

    /// <summary>Floats of the padded copy.</summary>
    public static long PaddedLength(in ConvGeometry g)
    {
        var (rowStride, _, rows) = Layout(g);
        return (long)g.N * g.C * rows * rowStride;
    }

    /// <summary>Whether the vector kernel applies (the backend falls back to the reference otherwise).</summary>
    public static bool Supports(in ConvGeometry g, SimdLevel level) =>
        level == SimdLevel.Vector512 && g.DilationH == 1 && g.DilationW == 1 && g.StrideH == g.StrideW;

    /// <summary>Step 1 for padded rows [r0, r1) of N·C·Rows.</summary>
    public static void PadRows(float* x, float* p, in ConvGeometry g, int r0, int r1)
    {
        var (rowStride, phaseStride, rows) = Layout(g);
        int s = g.StrideW;
        for (int r = r0; r < r1; r++)
        {
            int plane = r / rows, ih = r % rows - g.PadTop;
            float* dst = p + (long)r * rowStride;
            new Span<float>(dst, rowStride).Clear();
            if ((uint)ih >= (uint)g.H) continue;
            float* src = x + ((long)plane * g.H + ih) * g.W;
            if (s == 1) { new ReadOnlySpan<float>(src, g.W).CopyTo(new Span<float>(dst + g.PadLeft, g.W)); continue; }
            // Phase by phase, a strided gather with no division per element: padded column j·s + phase is input
            // column j·s + phase − PadLeft.
            for (int phase = 0; phase < s; phase++)
            {
                float* to = dst + phase * phaseStride;
                int first = phase - g.PadLeft, j = 0;
                for (; first + j * s < 0; j++) { }
                for (int iw = first + j * s; iw < g.W; iw += s, j++) to[j] = src[iw];
            }
        }
    }

    /// <summary>Step 2 for output rows [r0, r1) of N·OH: y = f(w ⊛ x + bias).</summary>
    public static void OutputRows(float* p, float* w, float* bias, float* y, in ConvGeometry g, int cout,
        ActivationKind activation, float alpha, int r0, int r1)
    {
        var (rowStride, phaseStride, rows) = Layout(g);
        int taps = g.C * g.KH * g.KW;
        // Input offset of every tap relative to the tile's first column: computed once per call, not per tile.
        int* offsets = stackalloc int[taps];
        for (int ci = 0, t = 0; ci < g.C; ci++)
            for (int ky = 0; ky < g.KH; ky++)
                for (int kx = 0; kx < g.KW; kx++, t++)
                    offsets[t] = (ci * rows + ky) * rowStride + kx % g.StrideW * phaseStride + kx / g.StrideW;
        float* tile = stackalloc float[TileChannels * TileVectors * Lanes];
        for (int item = r0; item < r1; item++)
        {
            int n = item / g.OH, oy = item % g.OH;
            float* rowBase = p + (long)n * g.C * rows * rowStride + (long)oy * g.StrideH * rowStride;
            for (int co = 0; co < cout; co += TileChannels)
            {
                int channels = Math.Min(TileChannels, cout - co);
                for (int ox = 0; ox < g.OW; ox += TileVectors * Lanes)
                {
                    int columns = Math.Min(TileVectors * Lanes, g.OW - ox);
                    Tile(rowBase + ox, offsets, taps, w, co, channels, tile);
                    for (int c = 0; c < channels; c++)
                    {
                        float* dst = y + (((long)n * cout + co + c) * g.OH + oy) * g.OW + ox;
                        Epilogue(tile + c * TileVectors * Lanes, bias[co + c], activation, alpha, dst, columns);
                    }
                }
            }
        }
    }

    /// <summary>tile [4, 64] = Σ_t w [co + c, t] · row [offsets [t] + 0..63] for the tile's channels (missing ones repeat the last).</summary>
    private static void Tile(float* row, int* offsets, int taps, float* w, int co, int channels, float* tile)
    {
        float* w0 = w + (long)co * taps;
        float* w1 = w + (long)(co + Math.Min(1, channels - 1)) * taps;
        float* w2 = w + (long)(co + Math.Min(2, channels - 1)) * taps;
        float* w3 = w + (long)(co + Math.Min(3, channels - 1)) * taps;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        for (int t = 0; t < taps; t++)
        {
            float* src = row + offsets[t];
            var x0 = Vector512.Load(src); var x1 = Vector512.Load(src + 16);
            var x2 = Vector512.Load(src + 32); var x3 = Vector512.Load(src + 48);
            var b = Vector512.Create(w0[t]);
            a00 = Vector512.FusedMultiplyAdd(x0, b, a00); a01 = Vector512.FusedMultiplyAdd(x1, b, a01);
            a02 = Vector512.FusedMultiplyAdd(x2, b, a02); a03 = Vector512.FusedMultiplyAdd(x3, b, a03);
            b = Vector512.Create(w1[t]);
            a10 = Vector512.FusedMultiplyAdd(x0, b, a10); a11 = Vector512.FusedMultiplyAdd(x1, b, a11);
            a12 = Vector512.FusedMultiplyAdd(x2, b, a12); a13 = Vector512.FusedMultiplyAdd(x3, b, a13);
            b = Vector512.Create(w2[t]);
            a20 = Vector512.FusedMultiplyAdd(x0, b, a20); a21 = Vector512.FusedMultiplyAdd(x1, b, a21);
            a22 = Vector512.FusedMultiplyAdd(x2, b, a22); a23 = Vector512.FusedMultiplyAdd(x3, b, a23);
            b = Vector512.Create(w3[t]);
            a30 = Vector512.FusedMultiplyAdd(x0, b, a30); a31 = Vector512.FusedMultiplyAdd(x1, b, a31);
            a32 = Vector512.FusedMultiplyAdd(x2, b, a32); a33 = Vector512.FusedMultiplyAdd(x3, b, a33);
        }
        a00.Store(tile); a01.Store(tile + 16); a02.Store(tile + 32); a03.Store(tile + 48);
        a10.Store(tile + 64); a11.Store(tile + 80); a12.Store(tile + 96); a13.Store(tile + 112);
        a20.Store(tile + 128); a21.Store(tile + 144); a22.Store(tile + 160); a23.Store(tile + 176);
        a30.Store(tile + 192); a31.Store(tile + 208); a32.Store(tile + 224); a33.Store(tile + 240);
    }

    /// <summary>dst [0..columns) = f(sums + bias): vector ReLU / leaky ReLU, the other activations through their scalar definition.</summary>
    private static void Epilogue(float* sums, float bias, ActivationKind activation, float alpha, float* dst, int columns)
    {
        int i = 0;
        if (activation is ActivationKind.Identity or ActivationKind.Relu or ActivationKind.LeakyRelu)
        {
            var vb = Vector512.Create(bias);
            var slope = Vector512.Create(activation == ActivationKind.Relu ? 0f : alpha);
            for (; i <= columns - Lanes; i += Lanes)
            {
                var v = Vector512.Load(sums + i) + vb;
                if (activation != ActivationKind.Identity) v = Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<float>.Zero), v, v * slope);
                v.Store(dst + i);
            }
        }
        for (; i < columns; i++) dst[i] = ActivationMath.Forward(activation, alpha, sums[i] + bias);
    }
}
