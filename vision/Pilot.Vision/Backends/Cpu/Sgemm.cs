using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pilot.Vision.Backends.Cpu;

/// <summary>SIMD width of the CPU kernels; tests force each level to compare it with the reference.</summary>
public enum SimdLevel { Scalar, Vector256, Vector512 }

/// <summary>
/// Blocked, packed, multi-threaded SGEMM (the BLIS/GotoBLAS loop nest): B is packed into KC x NC panels of NR-wide
/// micro-panels, A into MC x KC panels of MR-tall micro-panels, and an MR x NR register-tile micro-kernel runs FMAs
/// over KC. The AVX-512 tile is 6 x 64 (24 zmm accumulators + 4 B vectors + 1 broadcast of the 32 registers); the
/// AVX2 tile is 6 x 16 (12 of 16 ymm). Threads take disjoint column (or row) slices of C, each with its own packing
/// buffers, so no thread waits on another. A small C with a long k (weight gradients) is split along k instead, and the
/// partial products are summed in thread order: results are deterministic for a given thread count.
/// </summary>
public sealed unsafe class Sgemm : IParallelWork
{
    private const int MR = 6;       // rows of the register tile
    private const int KC = 256;     // depth of one packed panel: the A micro-panel (6 x 256 x 4 B = 6 KiB) stays in L1
    private const int MC = 96;      // rows of the packed A block: 96 x 256 x 4 B = 96 KiB, in the 1 MiB L2 of Zen 4
    private const int NC = 1024;    // columns of the packed B block: 256 x 1024 x 4 B = 1 MiB, streamed from L2/L3
    private const long ParallelFlops = 1L << 21;  // below ~2 MFLOP a second thread costs more than it saves
    private const int SplitKMaxOutputs = 1 << 15; // C of at most 32k floats with a long k (weight gradients of small
                                                  // convolutions: 16 x 150 x 6400) is split along k, one partial C per thread
    private const int SplitKMinDepth = 2048;

    private readonly WorkerPool _pool;
    private readonly int _nr;                     // columns of the register tile: 64 (AVX-512), 16 (AVX2, scalar)
    private readonly float[][] _packA, _packB;    // per thread [MC*KC], [KC*NC] (pinned, allocated once)
    private readonly float[][] _partial;          // per thread [SplitKMaxOutputs] partial C of a split-k job
    private readonly object _pack = new();

    // The job being run (set by Run, read by Execute on every thread).
    private bool _ta, _tb, _splitRows, _splitK, _dots;
    private int _m, _n, _k, _lda, _ldb, _ldc;
    private float _alpha, _beta;
    private float* _a, _b, _c;

    public SimdLevel Level { get; }

    public Sgemm(WorkerPool pool, SimdLevel level)
    {
        _pool = pool;
        Level = level;
        _nr = level == SimdLevel.Vector512 ? 64 : 16;
        _packA = new float[pool.Threads][];
        _packB = new float[pool.Threads][];
        for (int t = 0; t < pool.Threads; t++)
        {
            _packA[t] = GC.AllocateArray<float>(MC * KC, pinned: true);
            _packB[t] = GC.AllocateArray<float>(KC * NC, pinned: true);
        }
        _partial = new float[pool.Threads][];
        for (int t = 0; t < pool.Threads; t++) _partial[t] = GC.AllocateArray<float>(SplitKMaxOutputs, pinned: true);
    }

    /// <summary>C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C, row-major; op(X) = X or X^T; beta 0 ignores C.</summary>
    public void Run(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (m == 0 || n == 0) return;
        lock (_pack)  // one job at a time per instance: the job lives in fields
        {
            RunLocked(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    private void RunLocked(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Check(transA ? k : m, transA ? m : k, a.Length, lda, "A");
        Check(transB ? n : k, transB ? k : n, b.Length, ldb, "B");
        Check(m, n, c.Length, ldc, "C");
        fixed (float* pa = a, pb = b, pc = c)
        {
            _ta = transA; _tb = transB; _m = m; _n = n; _k = k; _lda = lda; _ldb = ldb; _ldc = ldc;
            _alpha = alpha; _beta = beta; _a = pa; _b = pb; _c = pc;
            long flops = 2L * m * n * k;
            int parts = flops < ParallelFlops ? 1 : _pool.Threads;
            // C = A B^T with both operands row-major along a long k (convolution weight gradients): dot products of
            // contiguous rows beat packing B^T, whose rows lie 4 KiB-aliased apart.
            // A few rows times B^T (batch-1 dense layers) is the same shape of work: dot products of contiguous rows.
            _dots = !transA && transB && Level == SimdLevel.Vector512 && k > 0 && (k >= SplitKMinDepth || m <= 4) && (long)m * n <= SplitKMaxOutputs;
            _splitK = parts > 1 && (long)m * n <= SplitKMaxOutputs && k >= SplitKMinDepth && (_dots || n < parts * _nr * 2);
            _splitRows = !_splitK && n < parts * _nr * 2 && m >= parts * MR;  // wide: split columns; tall and thin: split rows
            _pool.Run(this, parts);
            if (_splitK) MergePartials(parts);
            _a = _b = _c = null;
        }
    }

    private static void Check(int rows, int cols, int length, int ld, string name)
    {
        if (ld < cols || (rows > 0 && (long)(rows - 1) * ld + cols > length))
            throw new ArgumentException($"GEMM operand {name}: {rows}x{cols} with leading dimension {ld} does not fit in {length} floats");
    }

    void IParallelWork.Execute(int part, int parts)
    {
        fixed (float* pa = _packA[part], pb = _packB[part], partial = _partial[part])
        {
            if (_splitK)
            {
                var (k0, k1) = WorkerPool.Slice(_k, part, parts, KC);
                if (k0 >= k1) new Span<float>(partial, _m * _n).Clear();
                else if (_dots) Dots(k0, k1, 0, _n, partial, _n, 0f);
                else Block(0, _m, 0, _n, k0, k1, partial, _n, 0f, pa, pb);
                return;
            }
            if (_dots)
            {
                // each part owns a slice of C's columns: with beta != 0 two parts updating the same C would race
                var (j0, j1) = WorkerPool.Slice(_n, part, parts, 4);
                if (j0 < j1) Dots(0, _k, j0, j1, _c, _ldc, _beta);
                return;
            }
            var (m0, m1) = _splitRows ? WorkerPool.Slice(_m, part, parts, MR) : (0, _m);
            var (n0, n1) = _splitRows ? (0, _n) : WorkerPool.Slice(_n, part, parts, _nr);
            if (m0 >= m1 || n0 >= n1) return;
            Block(m0, m1, n0, n1, 0, _k, _c, _ldc, _beta, pa, pb);
        }
    }

    /// <summary>
    /// C[m, j0..j1] = alpha * A[m, k0..k1] B[j0..j1, k0..k1]^T + beta * C by 4 x 4 blocks of dot products (16 zmm accumulators,
    /// 8 loads per 16 FMAs), k taken in L2-sized chunks so the rows of one chunk are reused by every block.
    /// </summary>
    private void Dots(int k0, int k1, int j0, int j1, float* c, int ldc, float beta)
    {
        const int Chunk = 2048;  // floats of k per pass: (m + n) rows x 8 KiB stay in L2
        float* sums = stackalloc float[16];
        for (int kc0 = k0; kc0 < k1; kc0 += Chunk)
        {
            int kl = Math.Min(Chunk, k1 - kc0);
            float b0 = kc0 == k0 ? beta : 1f;
            for (int i = 0; i < _m; i += 4)
                for (int j = j0; j < j1; j += 4)
                {
                    int mi = Math.Min(4, _m - i), nj = Math.Min(4, j1 - j);
                    Dot4x4(_a + (long)i * _lda + kc0, _lda, mi, _b + (long)j * _ldb + kc0, _ldb, nj, kl, sums);
                    for (int ii = 0; ii < mi; ii++)
                        for (int jj = 0; jj < nj; jj++)
                        {
                            float* dst = c + (long)(i + ii) * ldc + j + jj;
                            *dst = _alpha * sums[ii * 4 + jj] + (b0 == 0 ? 0 : b0 * *dst);
                        }
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4(float* a, int lda, int mi, float* b, int ldb, int nj, int k, float* sums)
    {
        // Missing rows of an edge block repeat the last real row; their sums are computed and ignored.
        float* a0 = a; float* a1 = a + (mi > 1 ? lda : 0); float* a2 = a + (mi > 2 ? 2L * lda : 0); float* a3 = a + (mi > 3 ? 3L * lda : 0);
        float* q0 = b; float* q1 = b + (nj > 1 ? ldb : 0); float* q2 = b + (nj > 2 ? 2L * ldb : 0); float* q3 = b + (nj > 3 ? 3L * ldb : 0);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var x0 = Vector512.Load(a0 + p); var x1 = Vector512.Load(a1 + p); var x2 = Vector512.Load(a2 + p); var x3 = Vector512.Load(a3 + p);
            var y0 = Vector512.Load(q0 + p);
            s00 = Vector512.FusedMultiplyAdd(x0, y0, s00); s10 = Vector512.FusedMultiplyAdd(x1, y0, s10);
            s20 = Vector512.FusedMultiplyAdd(x2, y0, s20); s30 = Vector512.FusedMultiplyAdd(x3, y0, s30);
            var y1 = Vector512.Load(q1 + p);
            s01 = Vector512.FusedMultiplyAdd(x0, y1, s01); s11 = Vector512.FusedMultiplyAdd(x1, y1, s11);
            s21 = Vector512.FusedMultiplyAdd(x2, y1, s21); s31 = Vector512.FusedMultiplyAdd(x3, y1, s31);
            var y2 = Vector512.Load(q2 + p);
            s02 = Vector512.FusedMultiplyAdd(x0, y2, s02); s12 = Vector512.FusedMultiplyAdd(x1, y2, s12);
            s22 = Vector512.FusedMultiplyAdd(x2, y2, s22); s32 = Vector512.FusedMultiplyAdd(x3, y2, s32);
            var y3 = Vector512.Load(q3 + p);
            s03 = Vector512.FusedMultiplyAdd(x0, y3, s03); s13 = Vector512.FusedMultiplyAdd(x1, y3, s13);
            s23 = Vector512.FusedMultiplyAdd(x2, y3, s23); s33 = Vector512.FusedMultiplyAdd(x3, y3, s33);
        }
        sums[0] = Vector512.Sum(s00); sums[1] = Vector512.Sum(s01); sums[2] = Vector512.Sum(s02); sums[3] = Vector512.Sum(s03);
        sums[4] = Vector512.Sum(s10); sums[5] = Vector512.Sum(s11); sums[6] = Vector512.Sum(s12); sums[7] = Vector512.Sum(s13);
        sums[8] = Vector512.Sum(s20); sums[9] = Vector512.Sum(s21); sums[10] = Vector512.Sum(s22); sums[11] = Vector512.Sum(s23);
        sums[12] = Vector512.Sum(s30); sums[13] = Vector512.Sum(s31); sums[14] = Vector512.Sum(s32); sums[15] = Vector512.Sum(s33);
        float** rowsA = stackalloc float*[4] { a0, a1, a2, a3 };
        float** rowsB = stackalloc float*[4] { q0, q1, q2, q3 };
        for (; p < k; p++)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) sums[i * 4 + j] += rowsA[i][p] * rowsB[j][p];
    }

    /// <summary>C = beta * C + the sum of the threads' partial products (fixed order: deterministic).</summary>
    private void MergePartials(int parts)
    {
        for (int i = 0; i < _m; i++)
        {
            float* row = _c + (long)i * _ldc;
            for (int j = 0; j < _n; j++)
            {
                float sum = 0;
                for (int t = 0; t < parts; t++) sum += _partial[t][i * _n + j];
                row[j] = sum + (_beta == 0 ? 0 : _beta * row[j]);
            }
        }
    }

    /// <summary>C[m0..m1, n0..n1] (at c with leading dimension ldc) = alpha * op(A) op(B) over k in [k0, k1) + beta * C.</summary>
    private void Block(int m0, int m1, int n0, int n1, int k0, int k1, float* c, int ldc, float betaC, float* packA, float* packB)
    {
        if (k0 == k1) { ScaleC(m0, m1, n0, n1); return; }
        int nr = _nr;
        float* tile = stackalloc float[MR * 64];
        for (int jc = n0; jc < n1; jc += NC)
        {
            int nc = Math.Min(NC, n1 - jc);
            for (int pc = k0; pc < k1; pc += KC)
            {
                int kc = Math.Min(KC, k1 - pc);
                float beta = pc == k0 ? betaC : 1f;
                PackB(packB, pc, kc, jc, nc);
                for (int ic = m0; ic < m1; ic += MC)
                {
                    int mc = Math.Min(MC, m1 - ic);
                    PackA(packA, ic, mc, pc, kc);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int nn = Math.Min(nr, nc - jr);
                        float* bp = packB + (long)jr * kc;
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int mm = Math.Min(MR, mc - ir);
                            float* ap = packA + (long)ir * kc;
                            float* cp = c + (long)(ic + ir) * ldc + jc + jr;
                            if (mm == MR && nn == nr) Kernel(kc, ap, bp, cp, ldc, beta);
                            else
                            {
                                // Edge tile: compute the full tile into a scratch tile, then merge the valid part.
                                Kernel(kc, ap, bp, tile, nr, 0f);
                                for (int i = 0; i < mm; i++)
                                    for (int j = 0; j < nn; j++)
                                    {
                                        float* dst = cp + (long)i * ldc + j;
                                        *dst = tile[i * nr + j] + (beta == 0 ? 0 : beta * *dst);
                                    }
                            }
                        }
                    }
                }
            }
        }
    }

    private void ScaleC(int m0, int m1, int n0, int n1)
    {
        for (int i = m0; i < m1; i++)
            for (int j = n0; j < n1; j++)
            {
                float* p = _c + (long)i * _ldc + j;
                *p = _beta == 0 ? 0 : _beta * *p;
            }
    }

    /// <summary>Packs op(A)[ic.., pc..] (mc x kc) as MR-tall micro-panels, k-major, zero-padded to MR rows.</summary>
    private void PackA(float* dst, int ic, int mc, int pc, int kc)
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int mm = Math.Min(MR, mc - ir);
            float* panel = dst + (long)ir * kc;
            if (!_ta)
            {
                for (int i = 0; i < MR; i++)
                {
                    if (i >= mm) { for (int p = 0; p < kc; p++) panel[p * MR + i] = 0; continue; }
                    float* src = _a + (long)(ic + ir + i) * _lda + pc;
                    for (int p = 0; p < kc; p++) panel[p * MR + i] = src[p];
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* src = _a + (long)(pc + p) * _lda + ic + ir;
                    int i = 0;
                    for (; i < mm; i++) panel[p * MR + i] = src[i];
                    for (; i < MR; i++) panel[p * MR + i] = 0;
                }
            }
        }
    }

    /// <summary>Packs op(B)[pc.., jc..] (kc x nc) as NR-wide micro-panels, k-major, zero-padded to NR columns.</summary>
    private void PackB(float* dst, int pc, int kc, int jc, int nc)
    {
        int nr = _nr;
        for (int jr = 0; jr < nc; jr += nr)
        {
            int nn = Math.Min(nr, nc - jr);
            float* panel = dst + (long)jr * kc;
            if (!_tb)
            {
                for (int p = 0; p < kc; p++)
                {
                    float* src = _b + (long)(pc + p) * _ldb + jc + jr;
                    float* row = panel + p * nr;
                    if (nn == nr) Unsafe.CopyBlockUnaligned(row, src, (uint)(nr * sizeof(float)));
                    else
                    {
                        int j = 0;
                        for (; j < nn; j++) row[j] = src[j];
                        for (; j < nr; j++) row[j] = 0;
                    }
                }
            }
            else
            {
                // op(B) = B^T: the panel is a transpose of nn rows of B. Work in 16-deep strips so every source cache
                // line is consumed whole (rows of B lie a multiple of 4 KiB apart in convolution gradients and would
                // evict each other) and the strip being written stays in L1.
                float* src = _b + (long)(jc + jr) * _ldb + pc;
                for (int p0 = 0; p0 < kc; p0 += 16)
                {
                    int p1 = Math.Min(p0 + 16, kc);
                    for (int j = 0; j < nn; j++)
                    {
                        float* s = src + (long)j * _ldb;
                        for (int p = p0; p < p1; p++) panel[p * nr + j] = s[p];
                    }
                    for (int p = p0; p < p1; p++)
                        for (int j = nn; j < nr; j++) panel[p * nr + j] = 0;
                }
            }
        }
    }

    private void Kernel(int kc, float* a, float* b, float* c, int ldc, float beta)
    {
        switch (Level)
        {
            case SimdLevel.Vector512: Kernel6x64(kc, a, b, c, ldc, _alpha, beta); break;
            case SimdLevel.Vector256: Kernel6x16(kc, a, b, c, ldc, _alpha, beta); break;
            default: KernelScalar(kc, a, b, c, ldc, _alpha, beta); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x64(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector512<float> c50 = default, c51 = default, c52 = default, c53 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b); var b1 = Vector512.Load(b + 16);
            var b2 = Vector512.Load(b + 32); var b3 = Vector512.Load(b + 48);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(a0, b2, c02); c03 = Vector512.FusedMultiplyAdd(a0, b3, c03);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(a1, b2, c12); c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            c22 = Vector512.FusedMultiplyAdd(a2, b2, c22); c23 = Vector512.FusedMultiplyAdd(a2, b3, c23);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            c32 = Vector512.FusedMultiplyAdd(a3, b2, c32); c33 = Vector512.FusedMultiplyAdd(a3, b3, c33);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            c42 = Vector512.FusedMultiplyAdd(a4, b2, c42); c43 = Vector512.FusedMultiplyAdd(a4, b3, c43);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            c52 = Vector512.FusedMultiplyAdd(a5, b2, c52); c53 = Vector512.FusedMultiplyAdd(a5, b3, c53);
            a += MR; b += 64;
        }
        Store4(c, alpha, beta, c00, c01, c02, c03); c += ldc;
        Store4(c, alpha, beta, c10, c11, c12, c13); c += ldc;
        Store4(c, alpha, beta, c20, c21, c22, c23); c += ldc;
        Store4(c, alpha, beta, c30, c31, c32, c33); c += ldc;
        Store4(c, alpha, beta, c40, c41, c42, c43); c += ldc;
        Store4(c, alpha, beta, c50, c51, c52, c53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(float* c, float alpha, float beta, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        var al = Vector512.Create(alpha);
        if (beta == 0)
        {
            (v0 * al).Store(c); (v1 * al).Store(c + 16); (v2 * al).Store(c + 32); (v3 * al).Store(c + 48);
        }
        else
        {
            var be = Vector512.Create(beta);
            Vector512.FusedMultiplyAdd(v0, al, Vector512.Load(c) * be).Store(c);
            Vector512.FusedMultiplyAdd(v1, al, Vector512.Load(c + 16) * be).Store(c + 16);
            Vector512.FusedMultiplyAdd(v2, al, Vector512.Load(c + 32) * be).Store(c + 32);
            Vector512.FusedMultiplyAdd(v3, al, Vector512.Load(c + 48) * be).Store(c + 48);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x16(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b); var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(a4, b0, c40); c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(a5, b0, c50); c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            a += MR; b += 16;
        }
        Store2(c, alpha, beta, c00, c01); c += ldc;
        Store2(c, alpha, beta, c10, c11); c += ldc;
        Store2(c, alpha, beta, c20, c21); c += ldc;
        Store2(c, alpha, beta, c30, c31); c += ldc;
        Store2(c, alpha, beta, c40, c41); c += ldc;
        Store2(c, alpha, beta, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2(float* c, float alpha, float beta, Vector256<float> v0, Vector256<float> v1)
    {
        var al = Vector256.Create(alpha);
        if (beta == 0) { (v0 * al).Store(c); (v1 * al).Store(c + 8); return; }
        var be = Vector256.Create(beta);
        Vector256.FusedMultiplyAdd(v0, al, Vector256.Load(c) * be).Store(c);
        Vector256.FusedMultiplyAdd(v1, al, Vector256.Load(c + 8) * be).Store(c + 8);
    }

    /// <summary>Portable 6 x 16 tile for machines without SIMD; the same packing, plain arithmetic.</summary>
    private static void KernelScalar(int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        float* acc = stackalloc float[MR * 16];
        for (int i = 0; i < MR * 16; i++) acc[i] = 0;
        for (int p = 0; p < kc; p++, a += MR, b += 16)
            for (int i = 0; i < MR; i++)
                for (int j = 0; j < 16; j++) acc[i * 16 + j] += a[i] * b[j];
        for (int i = 0; i < MR; i++)
            for (int j = 0; j < 16; j++)
            {
                float* dst = c + (long)i * ldc + j;
                *dst = alpha * acc[i * 16 + j] + (beta == 0 ? 0 : beta * *dst);
            }
    }
}
