namespace Pilot.Vision.Backends.Cpu;

/// <summary>The plain triple loop that every fast GEMM path is tested against (accumulates in double).</summary>
public static class SgemmReference
{
    /// <summary>C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C, row-major; op(X) = X or X^T.</summary>
    public static void Run(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (double)(transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                float prior = beta == 0 ? 0 : beta * c[i * ldc + j];  // beta 0 ignores C, as BLAS does (C may be garbage)
                c[i * ldc + j] = (float)(alpha * sum) + prior;
            }
    }
}
