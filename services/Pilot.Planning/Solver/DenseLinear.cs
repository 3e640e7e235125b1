namespace Pilot.Planning.Solver;

/// <summary>
/// The few dense operations the solvers need, on row-major spans (matrices are n×n unless said). No allocation: the
/// caller owns every buffer, so the 20 Hz planner loop runs without garbage.
/// </summary>
internal static class DenseLinear
{
    /// <summary>
    /// Factors the symmetric positive definite <paramref name="a"/> (n×n) in place into its lower Cholesky factor L
    /// (A = L·Lᵀ; the strict upper triangle is left as it was). False when A is not positive definite.
    /// </summary>
    public static bool Cholesky(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0)) return false;   // also catches NaN
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / d;
            }
        }
        return true;
    }

    /// <summary>Solves L·Lᵀ·x = b in place (b becomes x), L from <see cref="Cholesky"/>.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>y = M·x for the n×n matrix M.</summary>
    public static void MatVec(ReadOnlySpan<double> m, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < n; i++) y[i] = Dot(m.Slice(i * n, n), x[..n]);
    }
}
