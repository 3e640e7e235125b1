using Pilot.Planning.Solver;

namespace Pilot.Planning.Tests;

public class ActiveSetQpTests
{
    /// <summary>A random strictly convex QP with a known feasible point, and that point.</summary>
    private static (QpProblem Qp, double[] Start) RandomProblem(Random rng, int n, int m)
    {
        var qp = new QpProblem(n, m);
        qp.Reset(n, m);
        var r = new double[n * n];
        for (int i = 0; i < r.Length; i++) r[i] = rng.NextDouble() * 2 - 1;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? 0.5 : 0;
                for (int k = 0; k < n; k++) s += r[k * n + i] * r[k * n + j];
                qp.H[i * n + j] = s;
            }
        for (int i = 0; i < n; i++) qp.G[i] = rng.NextDouble() * 10 - 5;
        var start = new double[n];
        for (int i = 0; i < n; i++) start[i] = rng.NextDouble() * 2 - 1;
        for (int c = 0; c < m; c++)
        {
            var row = qp.Row(c);
            for (int i = 0; i < n; i++) row[i] = rng.NextDouble() * 2 - 1;
            qp.B[c] = Dot(row, start) - rng.NextDouble();   // start strictly inside
        }
        return (qp, start);
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(3, 6)]
    [InlineData(4, 9)]
    [InlineData(5, 10)]
    public void Agrees_with_the_brute_force_reference_on_random_problems(int n, int m)
    {
        var rng = new Random(n * 100 + m);
        int constrained = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            var (qp, start) = RandomProblem(rng, n, m);
            var expected = BruteForceQp.Solve(qp);
            Assert.NotNull(expected);
            var x = (double[])start.Clone();
            var result = new ActiveSetQp(n, m).Solve(qp, x);
            Assert.True(result.Converged);
            for (int i = 0; i < n; i++) Assert.Equal(expected[i], x[i], 1e-7);
            Assert.Equal(qp.Objective(expected), result.Objective, 1e-7);
            if (new ActiveSetQp(n, m) is var s && s.Solve(qp, (double[])start.Clone()).Converged && s.ActiveSet.Length > 0) constrained++;
        }
        Assert.True(constrained >= 10, $"only {constrained} of 40 problems had an active constraint: the test would not exercise them");
    }

    [Fact]
    public void A_warm_started_re_solve_of_a_changed_problem_agrees_with_the_reference()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            var (qp, start) = RandomProblem(rng, 4, 9);
            var solver = new ActiveSetQp(4, 9);
            var x = (double[])start.Clone();
            solver.Solve(qp, x);
            for (int i = 0; i < 4; i++) qp.G[i] += rng.NextDouble() - 0.5;   // the next cycle's cost; x stays feasible
            var result = solver.Solve(qp, x, warmStart: true);
            var expected = BruteForceQp.Solve(qp)!;
            Assert.True(result.Converged);
            for (int i = 0; i < 4; i++) Assert.Equal(expected[i], x[i], 1e-7);
        }
    }

    [Fact]
    public void Unconstrained_minimum_is_minus_H_inverse_g()
    {
        var qp = new QpProblem(2, 1);
        qp.Reset(2, 1);
        qp.H[0] = 2; qp.H[1] = 0; qp.H[2] = 0; qp.H[3] = 4;
        qp.G[0] = -2; qp.G[1] = -8;
        qp.Row(0)[0] = 1; qp.B[0] = -10;    // far away: inactive
        var x = new double[2];
        new ActiveSetQp(2, 1).Solve(qp, x);
        Assert.Equal(1.0, x[0], 1e-12);
        Assert.Equal(2.0, x[1], 1e-12);
    }

    [Fact]
    public void A_binding_bound_holds_the_solution_on_it()
    {
        // min (x−3)² s.t. x ≤ 1 → x = 1, multiplier 4.
        var qp = new QpProblem(1, 1);
        qp.Reset(1, 1);
        qp.H[0] = 2; qp.G[0] = -6;
        qp.Row(0)[0] = -1; qp.B[0] = -1;
        var x = new double[1];
        var solver = new ActiveSetQp(1, 1);
        solver.Solve(qp, x);
        Assert.Equal(1.0, x[0], 1e-12);
        Assert.Equal([0], solver.ActiveSet.ToArray());
    }

    [Fact]
    public void An_infeasible_start_is_refused_with_the_violation()
    {
        var qp = new QpProblem(1, 1);
        qp.Reset(1, 1);
        qp.H[0] = 1;
        qp.Row(0)[0] = 1; qp.B[0] = 2;
        var e = Assert.Throws<ArgumentException>(() => new ActiveSetQp(1, 1).Solve(qp, new double[1]));
        Assert.Contains("violates a constraint by 2", e.Message);
    }
}
