using Pilot.Vision.Camera.Numerics;

namespace Pilot.Vision.Camera.Calibration;

/// <summary>
/// Damped Gauss–Newton (Levenberg–Marquardt with Marquardt's diagonal scaling) for small dense least-squares
/// problems. The caller supplies residuals and their Jacobian.
/// </summary>
public static class LevenbergMarquardt
{
    /// <summary>Residuals r(x) into <c>residuals</c>; the Jacobian ∂r/∂x into <c>jacobian</c> [residuals, parameters].</summary>
    public delegate void Model(ReadOnlySpan<double> x, Span<double> residuals, double[,]? jacobian);

    /// <summary>Minimises ½‖r(x)‖² from <paramref name="x"/> (updated in place); returns the final ‖r‖².</summary>
    public static double Minimize(Model model, double[] x, int residualCount, int maxIterations = 100, double relativeTolerance = 1e-10)
    {
        int n = x.Length;
        var r = new double[residualCount];
        var trialR = new double[residualCount];
        var j = new double[residualCount, n];
        var trial = new double[n];
        var step = new double[n];
        var g = new double[n];
        double lambda = 1e-3;
        model(x, r, j);
        double cost = SumSquares(r);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            var jtj = Dense.Gram(j);
            Array.Clear(g);
            for (int k = 0; k < residualCount; k++)
                for (int p = 0; p < n; p++) g[p] += j[k, p] * r[k];
            bool improved = false;
            while (lambda < 1e12)
            {
                var damped = (double[,])jtj.Clone();
                for (int p = 0; p < n; p++) damped[p, p] += lambda * Math.Max(jtj[p, p], 1e-12);
                var negG = g.Select(v => -v).ToArray();
                if (Dense.TryCholeskySolve(damped, negG, step))
                {
                    for (int p = 0; p < n; p++) trial[p] = x[p] + step[p];
                    model(trial, trialR, null);
                    double trialCost = SumSquares(trialR);
                    if (trialCost < cost)
                    {
                        double gain = (cost - trialCost) / cost;
                        Array.Copy(trial, x, n);
                        cost = trialCost;
                        lambda = Math.Max(lambda / 10, 1e-12);
                        improved = true;
                        if (gain < relativeTolerance) return cost;
                        break;
                    }
                }
                lambda *= 10;
            }
            if (!improved) break;
            model(x, r, j);
        }
        return cost;
    }

    private static double SumSquares(ReadOnlySpan<double> r)
    {
        double s = 0;
        foreach (double v in r) s += v * v;
        return s;
    }
}
