namespace Pilot.Planning.Solver;

/// <summary>How a solve ended.</summary>
public readonly record struct QpResult(bool Converged, int Iterations, double Objective);

/// <summary>
/// Primal active-set method for <see cref="QpProblem"/> (Nocedal &amp; Wright, Numerical Optimization, algorithm 16.3),
/// dense, for the planner's few dozen variables. It starts from a feasible point and every iterate stays feasible, so
/// even a solve cut short by <see cref="MaxIterations"/> returns a point that honours every hard limit. H is factored
/// once per solve and H⁻¹·aᵢ kept per row, so each iteration costs one |W|×|W| Cholesky of the working set's
/// A·H⁻¹·Aᵀ. A row only enters the working set when the step would cross it, which keeps the set linearly
/// independent. Checked against <see cref="BruteForceQp"/>.
/// </summary>
public sealed class ActiveSetQp
{
    private const double StepTolerance = 1e-10;        // ‖p‖∞ below this (relative to 1 + ‖x‖∞) counts as a zero step
    private const double MultiplierTolerance = 1e-10;  // multipliers above −this count as non-negative
    private const double DirectionTolerance = 1e-12;   // rows with aᵢ·p above −this are not approached by the step

    private readonly double[] _l;        // [n, n] Cholesky factor of H
    private readonly double[] _hinvA;    // [m, n] H⁻¹·aᵢ per constraint row
    private readonly double[] _s;        // [|W|, |W|] A_W·H⁻¹·A_Wᵀ, factored in place
    private readonly double[] _grad;     // [n] H·x + g, then H⁻¹ of it
    private readonly double[] _p;        // [n] step
    private readonly double[] _lambda;   // [|W|] multipliers of the working set
    private readonly int[] _working;     // [|W|] constraint rows held active
    private readonly bool[] _inWorking;  // [m]
    private int _count;

    public ActiveSetQp(int maxVariables, int maxConstraints, int maxIterations = 200)
    {
        MaxIterations = maxIterations;
        _l = new double[maxVariables * maxVariables];
        _hinvA = new double[Math.Max(1, maxConstraints) * maxVariables];
        _s = new double[maxVariables * maxVariables];
        _grad = new double[maxVariables];
        _p = new double[maxVariables];
        _lambda = new double[maxVariables];
        _working = new int[maxVariables];
        _inWorking = new bool[Math.Max(1, maxConstraints)];
    }

    /// <summary>Iterations after which a solve stops with the (feasible) point it has.</summary>
    public int MaxIterations { get; }

    /// <summary>Rows active at the solution (valid until the next solve).</summary>
    public ReadOnlySpan<int> ActiveSet => _working.AsSpan(0, _count);

    /// <summary>
    /// Minimises <paramref name="qp"/> starting from <paramref name="x"/>, which must be feasible (A·x ≥ b); x holds the
    /// solution on return. With <paramref name="warmStart"/>, the rows of the previous solve's active set that are still
    /// active at x start in the working set (a re-solve of a slightly changed problem then needs few iterations).
    /// </summary>
    public QpResult Solve(QpProblem qp, Span<double> x, bool warmStart = false)
    {
        int n = qp.Variables, m = qp.Constraints;
        if (n > _grad.Length || m > _inWorking.Length)
            throw new ArgumentException($"problem of {n} variables and {m} constraints exceeds this solver's {_grad.Length} and {_inWorking.Length}", nameof(qp));
        double violation = qp.MaxViolation(x);
        if (violation > 1e-9 * (1 + MaxAbs(x[..n])))
            throw new ArgumentException($"the start point violates a constraint by {violation:G4}; the active-set method needs a feasible start", nameof(x));
        var l = _l.AsSpan(0, n * n);
        qp.H.AsSpan(0, n * n).CopyTo(l);
        if (!DenseLinear.Cholesky(l, n)) throw new ArgumentException("H is not positive definite", nameof(qp));
        for (int i = 0; i < m; i++)
        {
            var y = _hinvA.AsSpan(i * n, n);
            qp.Row(i).CopyTo(y);
            DenseLinear.CholeskySolve(l, n, y);
            _inWorking[i] = false;
        }
        int kept = 0;
        if (warmStart)
            for (int k = 0; k < _count; k++)
            {
                int i = _working[k];
                if (i >= m || kept >= n) continue;
                double slack = DenseLinear.Dot(qp.Row(i), x[..n]) - qp.B[i];
                if (Math.Abs(slack) > 1e-9 * (1 + Math.Abs(qp.B[i]))) continue;
                _working[kept++] = i;
                _inWorking[i] = true;
            }
        _count = kept;
        if (_count > 0 && !WorkingSetIndependent(qp, n))
        {
            for (int k = 0; k < _count; k++) _inWorking[_working[k]] = false;
            _count = 0;
        }

        for (int iter = 1; iter <= MaxIterations; iter++)
        {
            ComputeStep(qp, x, n);
            var p = _p.AsSpan(0, n);
            if (MaxAbs(p) <= StepTolerance * (1 + MaxAbs(x[..n])))
            {
                int drop = -1;
                double most = -MultiplierTolerance;
                for (int k = 0; k < _count; k++)
                    if (_lambda[k] < most) { most = _lambda[k]; drop = k; }
                if (drop < 0) return new QpResult(true, iter, qp.Objective(x));
                _inWorking[_working[drop]] = false;
                _working[drop] = _working[--_count];
                continue;
            }
            double alpha = 1;
            int blocking = -1;
            for (int i = 0; i < m; i++)
            {
                if (_inWorking[i]) continue;
                var row = qp.Row(i);
                double ap = DenseLinear.Dot(row, p);
                if (ap >= -DirectionTolerance) continue;
                double t = Math.Max(0, DenseLinear.Dot(row, x[..n]) - qp.B[i]) / -ap;
                if (t < alpha) { alpha = t; blocking = i; }
            }
            for (int j = 0; j < n; j++) x[j] += alpha * p[j];
            if (blocking >= 0 && _count < n)
            {
                _working[_count++] = blocking;
                _inWorking[blocking] = true;
            }
        }
        return new QpResult(false, MaxIterations, qp.Objective(x));
    }

    /// <summary>A_W·H⁻¹·A_Wᵀ is positive definite exactly when the working set's rows are linearly independent.</summary>
    private bool WorkingSetIndependent(QpProblem qp, int n)
    {
        int w = _count;
        var s = _s.AsSpan(0, w * w);
        for (int a = 0; a < w; a++)
            for (int c = 0; c <= a; c++)
                s[a * w + c] = s[c * w + a] = DenseLinear.Dot(qp.Row(_working[a]), _hinvA.AsSpan(_working[c] * n, n));
        return DenseLinear.Cholesky(s, w);
    }

    /// <summary>
    /// The equality-constrained step with the working set held active: p = H⁻¹·(A_Wᵀ·λ − ∇), λ from
    /// (A_W·H⁻¹·A_Wᵀ)·λ = A_W·H⁻¹·∇, where ∇ = H·x + g.
    /// </summary>
    private void ComputeStep(QpProblem qp, ReadOnlySpan<double> x, int n)
    {
        var grad = _grad.AsSpan(0, n);
        DenseLinear.MatVec(qp.H, n, x, grad);
        for (int j = 0; j < n; j++) grad[j] += qp.G[j];
        DenseLinear.CholeskySolve(_l, n, grad);   // grad now holds H⁻¹·∇
        int w = _count;
        var s = _s.AsSpan(0, w * w);
        var lambda = _lambda.AsSpan(0, w);
        for (int a = 0; a < w; a++)
        {
            var ra = qp.Row(_working[a]);
            for (int c = 0; c <= a; c++)
                s[a * w + c] = s[c * w + a] = DenseLinear.Dot(ra, _hinvA.AsSpan(_working[c] * n, n));
            lambda[a] = DenseLinear.Dot(ra, grad);
        }
        if (w > 0 && !DenseLinear.Cholesky(s, w))
            throw new InvalidOperationException("the working set became linearly dependent");
        if (w > 0) DenseLinear.CholeskySolve(s, w, lambda);
        var p = _p.AsSpan(0, n);
        for (int j = 0; j < n; j++) p[j] = -grad[j];
        for (int a = 0; a < w; a++)
        {
            var y = _hinvA.AsSpan(_working[a] * n, n);
            for (int j = 0; j < n; j++) p[j] += lambda[a] * y[j];
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double e in v) m = Math.Max(m, Math.Abs(e));
        return m;
    }
}
