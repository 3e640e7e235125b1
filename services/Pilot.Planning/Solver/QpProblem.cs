namespace Pilot.Planning.Solver;

/// <summary>
/// A convex quadratic programme: minimise ½·xᵀ·H·x + gᵀ·x subject to A·x ≥ b, with H symmetric positive definite.
/// Buffers are sized once for the largest problem (<see cref="MaxVariables"/>, <see cref="MaxConstraints"/>); each
/// solve sets <see cref="Variables"/> and <see cref="Constraints"/> and fills the leading part.
/// </summary>
public sealed class QpProblem
{
    public QpProblem(int maxVariables, int maxConstraints)
    {
        if (maxVariables < 1) throw new ArgumentOutOfRangeException(nameof(maxVariables), maxVariables, "a problem needs at least one variable");
        if (maxConstraints < 0) throw new ArgumentOutOfRangeException(nameof(maxConstraints), maxConstraints, "the constraint count cannot be negative");
        MaxVariables = maxVariables;
        MaxConstraints = maxConstraints;
        H = new double[maxVariables * maxVariables];
        G = new double[maxVariables];
        A = new double[Math.Max(1, maxConstraints) * maxVariables];
        B = new double[Math.Max(1, maxConstraints)];
        Variables = maxVariables;
    }

    public int MaxVariables { get; }
    public int MaxConstraints { get; }

    /// <summary>n: variables in use (≤ <see cref="MaxVariables"/>).</summary>
    public int Variables { get; private set; }
    /// <summary>m: constraint rows in use (≤ <see cref="MaxConstraints"/>).</summary>
    public int Constraints { get; private set; }

    public readonly double[] H;   // [n, n] row-major, symmetric positive definite
    public readonly double[] G;   // [n] linear cost
    public readonly double[] A;   // [m, n] row-major constraint rows
    public readonly double[] B;   // [m] constraint bounds: row i·x ≥ B[i]

    /// <summary>Sets the problem size and zeroes H, g, A and b for it.</summary>
    public void Reset(int variables, int constraints)
    {
        if (variables < 1 || variables > MaxVariables)
            throw new ArgumentOutOfRangeException(nameof(variables), variables, $"this problem holds 1..{MaxVariables} variables");
        if (constraints < 0 || constraints > MaxConstraints)
            throw new ArgumentOutOfRangeException(nameof(constraints), constraints, $"this problem holds 0..{MaxConstraints} constraints");
        Variables = variables;
        Constraints = constraints;
        Array.Clear(H, 0, variables * variables);
        Array.Clear(G, 0, variables);
        Array.Clear(A, 0, Math.Max(1, constraints) * variables);
        Array.Clear(B, 0, Math.Max(1, constraints));
    }

    /// <summary>Row i of A (length n).</summary>
    public Span<double> Row(int i) => A.AsSpan(i * Variables, Variables);

    /// <summary>½·xᵀ·H·x + gᵀ·x.</summary>
    public double Objective(ReadOnlySpan<double> x)
    {
        int n = Variables;
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double hx = 0;
            for (int j = 0; j < n; j++) hx += H[i * n + j] * x[j];
            f += x[i] * (0.5 * hx + G[i]);
        }
        return f;
    }

    /// <summary>The most violated constraint's violation (0 when x is feasible).</summary>
    public double MaxViolation(ReadOnlySpan<double> x)
    {
        double worst = 0;
        for (int i = 0; i < Constraints; i++)
            worst = Math.Max(worst, B[i] - DenseLinear.Dot(Row(i), x[..Variables]));
        return worst;
    }
}
