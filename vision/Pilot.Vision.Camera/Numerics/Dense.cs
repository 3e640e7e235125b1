namespace Pilot.Vision.Camera.Numerics;

/// <summary>
/// The few dense double-precision routines calibration needs (systems of at most a few hundred unknowns):
/// products, a Cholesky solve for normal equations, and a Jacobi eigen-decomposition for null spaces.
/// </summary>
internal static class Dense
{
    /// <summary>C = Aᵀ·A for A [rows, cols].</summary>
    public static double[,] Gram(double[,] a)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1);
        var c = new double[cols, cols];
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < cols; i++)
            {
                double ai = a[r, i];
                if (ai == 0) continue;
                for (int j = i; j < cols; j++) c[i, j] += ai * a[r, j];
            }
        for (int i = 0; i < cols; i++)
            for (int j = 0; j < i; j++) c[i, j] = c[j, i];
        return c;
    }

    /// <summary>
    /// Solves A·x = b for symmetric positive-definite A [n, n] by Cholesky; returns false when A is not
    /// positive definite (the caller raises its damping and tries again).
    /// </summary>
    public static bool TryCholeskySolve(double[,] a, ReadOnlySpan<double> b, Span<double> x)
    {
        int n = b.Length;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(sum > 0)) return false;
                    l[i, i] = Math.Sqrt(sum);
                }
                else l[i, j] = sum / l[j, j];
            }
        }
        Span<double> y = n <= 256 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return true;
    }

    /// <summary>
    /// The unit eigenvector of the smallest eigenvalue of symmetric <paramref name="s"/> [n, n], by cyclic Jacobi
    /// rotations: the least-squares null vector of A when s = AᵀA (homographies, Zhang's B matrix).
    /// </summary>
    public static double[] SmallestEigenvector(double[,] s)
    {
        int n = s.GetLength(0);
        var a = (double[,])s.Clone();
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), sn = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - sn * akq;
                        a[k, q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - sn * aqk;
                        a[q, k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - sn * vkq;
                        v[k, q] = sn * vkp + c * vkq;
                    }
                }
        }
        int best = 0;
        for (int i = 1; i < n; i++)
            if (a[i, i] < a[best, best]) best = i;
        var result = new double[n];
        for (int k = 0; k < n; k++) result[k] = v[k, best];
        return result;
    }
}
