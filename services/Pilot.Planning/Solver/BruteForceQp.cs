namespace Pilot.Planning.Solver;

/// <summary>
/// The plain reference for <see cref="ActiveSetQp"/>: tries every subset of constraint rows as the active set, solves
/// its KKT system by Gaussian elimination, and keeps the best point that is feasible with non-negative multipliers.
/// Exponential in the number of rows: for tests on small problems only.
/// </summary>
public static class BruteForceQp
{
    private const double Tolerance = 1e-9;   // feasibility and multiplier sign slack
    public const int MaxConstraints = 16;    // 2¹⁶ subsets is as far as a test should go

    /// <summary>The minimiser of <paramref name="qp"/>, or null when no subset satisfies the KKT conditions (infeasible).</summary>
    public static double[]? Solve(QpProblem qp)
    {
        int n = qp.Variables, m = qp.Constraints;
        if (m > MaxConstraints) throw new ArgumentException($"{m} constraints: the reference enumerates at most {MaxConstraints}", nameof(qp));
        double[]? best = null;
        double bestF = double.PositiveInfinity;
        for (int mask = 0; mask < 1 << m; mask++)
        {
            int[] active = Enumerable.Range(0, m).Where(i => (mask >> i & 1) != 0).ToArray();
            if (active.Length > n) continue;
            double[]? xl = SolveKkt(qp, active);
            if (xl is null) continue;
            double[] x = xl[..n];
            if (qp.MaxViolation(x) > Tolerance) continue;
            if (xl[n..].Any(l => l < -Tolerance)) continue;
            double f = qp.Objective(x);
            if (f < bestF) { bestF = f; best = x; }
        }
        return best;
    }

    /// <summary>[x; λ] from H·x − A_Sᵀ·λ = −g, A_S·x = b_S; null when singular.</summary>
    private static double[]? SolveKkt(QpProblem qp, int[] active)
    {
        int n = qp.Variables, k = active.Length, size = n + k;
        var m = new double[size, size + 1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) m[i, j] = qp.H[i * n + j];
            for (int a = 0; a < k; a++) m[i, n + a] = -qp.A[active[a] * n + i];
            m[i, size] = -qp.G[i];
        }
        for (int a = 0; a < k; a++)
        {
            for (int j = 0; j < n; j++) m[n + a, j] = qp.A[active[a] * n + j];
            m[n + a, size] = qp.B[active[a]];
        }
        for (int c = 0; c < size; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < size; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            if (Math.Abs(m[pivot, c]) < 1e-12) return null;
            for (int j = 0; j <= size; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            for (int r = 0; r < size; r++)
            {
                if (r == c) continue;
                double f = m[r, c] / m[c, c];
                if (f == 0) continue;
                for (int j = c; j <= size; j++) m[r, j] -= f * m[c, j];
            }
        }
        var result = new double[size];
        for (int i = 0; i < size; i++) result[i] = m[i, size] / m[i, i];
        return result;
    }
}
