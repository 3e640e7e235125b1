using Pilot.Planning.Fusion;
using Pilot.Planning.Solver;

namespace Pilot.Planning.Longitudinal;

/// <summary>What the MPC plans from: the ego now, its limits, the set speed and the leads.</summary>
public struct MpcInput
{
    public double V0;          // m/s, ego speed now
    public double A0;          // m/s², ego acceleration now (the previous plan's, for continuity)
    public double AMin, AMax;  // m/s², hard acceleration limits
    public double TimeGap;     // s
    public double VCruise;     // m/s, set speed
    public LeadEstimate Lead0, Lead1;
}

/// <summary>Which constraint shaped the plan (longitudinalPlan.source).</summary>
public enum PlanSource { Cruise = 0, Lead0 = 1, Lead1 = 2 }

/// <summary>
/// Longitudinal MPC on <see cref="PlanGrid"/>: the decision is the jerk in each of the 16 intervals (plus one slack per
/// point when a lead exists); position, speed and acceleration are linear in it. Cost (openpilot long_mpc.py): the
/// nearest obstacle (the leads' stopping points and the cruise trajectory) minus the ego's safe distance, plus
/// acceleration, jerk and slack. Hard: acceleration in [AMin, AMax], |jerk| ≤ 5 m/s³ (20 in an emergency). Soft: the
/// ego stays beyond 75% of the safe distance from every lead. The v² of the safe distance is linearised around the
/// last iterate (a short SQP); each QP goes to <see cref="ActiveSetQp"/>. All buffers are allocated here, once.
/// </summary>
public sealed class LongitudinalMpc
{
    private const int N = PlanGrid.Intervals, P = PlanGrid.Points;
    private const double Dt = PlanGrid.Dt;
    public const double CrashDistanceM = 0.25;   // planned gap to the lead below this predicts a collision (openpilot)

    private readonly double[] _ca = new double[P * N], _cv = new double[P * N], _cx = new double[P * N];   // [17, 16] response to each jerk
    private readonly double[] _aFree = new double[P], _vFree = new double[P], _xFree = new double[P];      // [17] response with zero jerk
    private readonly double[] _lead0X = new double[P], _lead0V = new double[P], _lead0Obs = new double[P];
    private readonly double[] _lead1X = new double[P], _lead1V = new double[P], _lead1Obs = new double[P];
    private readonly double[] _cruiseObs = new double[P];   // [17] m
    private readonly double[] _obstacle = new double[P];    // [17] m, nearest of all
    private readonly double[] _leadObstacle = new double[P];// [17] m, nearest lead
    private readonly double[] _vBar = new double[P];        // [17] m/s, linearisation speeds
    private readonly double[] _z = new double[2 * N];       // [jerk 16, slack 16]
    private readonly double[] _row = new double[N];
    private readonly QpProblem _qp = new(2 * N, 6 * N);
    private readonly ActiveSetQp _solver = new(2 * N, 6 * N);

    public LongitudinalMpc(MpcWeights weights)
    {
        Weights = weights;
        for (int k = 1; k < P; k++)
            for (int i = 0; i < k; i++)
            {
                double m = k - i - 1;   // whole intervals after jerk interval i, up to point k
                _ca[k * N + i] = Dt;
                _cv[k * N + i] = Dt * Dt * (m + 0.5);
                _cx[k * N + i] = Dt * Dt * Dt * (1.0 / 6 + m / 2 + m * m / 2);
            }
    }

    public MpcWeights Weights { get; }

    public double[] X { get; } = new double[P];       // [17] m, planned position from the ego's front now
    public double[] V { get; } = new double[P];       // [17] m/s
    public double[] A { get; } = new double[P];       // [17] m/s²
    public double[] J { get; } = new double[P];       // [17] m/s³, jerk of the interval starting at each point (last repeats)
    public PlanSource Source { get; private set; }
    public bool Emergency { get; private set; }        // comfort jerk could not keep the danger limit
    public bool CrashPredicted { get; private set; }   // the plan comes within 0.25 m of lead 0
    public double MaxSlackM { get; private set; }      // worst danger-limit violation of the plan, m
    public int Iterations { get; private set; }        // active-set iterations, all QPs of this solve
    public bool Converged { get; private set; }        // every QP reached its optimum

    public void Solve(in MpcInput input)
    {
        for (int k = 0; k < P; k++)
        {
            double t = PlanGrid.Time(k);
            _aFree[k] = input.A0;
            _vFree[k] = input.V0 + input.A0 * t;
            _xFree[k] = input.V0 * t + input.A0 * t * t / 2;
        }
        Obstacles(input);
        Iterations = 0;
        Converged = true;
        Emergency = false;
        SolveSqp(input, AccelLimits.ComfortJerk);
        if (MaxSlackM > Weights.EmergencySlackM)
        {
            Emergency = true;
            SolveSqp(input, AccelLimits.EmergencyJerk);
        }
        CrashPredicted = false;
        if (input.Lead0.Status)
            for (int k = 0; k < P; k++)
                if (_lead0X[k] - X[k] < CrashDistanceM) CrashPredicted = true;
    }

    private bool HasLead(in MpcInput input) => input.Lead0.Status || input.Lead1.Status;

    private void Obstacles(in MpcInput input)
    {
        if (input.Lead0.Status) LeadTrajectory.Predict(input.Lead0, _lead0X, _lead0V, _lead0Obs);
        if (input.Lead1.Status) LeadTrajectory.Predict(input.Lead1, _lead1X, _lead1V, _lead1Obs);
        // The set speed as a moving obstacle the ego follows at its safe distance; approached no faster than the
        // cruise limits allow, so a far set speed does not ask for everything at once (openpilot).
        double x = 0, vPrev = 0;
        for (int k = 0; k < P; k++)
        {
            double t = PlanGrid.Time(k);
            double v = Math.Clamp(input.VCruise, input.V0 + t * AccelLimits.CruiseMin * 1.05, input.V0 + t * input.AMax * 1.05);
            v = Math.Max(0, v);
            if (k > 0) x += Dt * (vPrev + v) / 2;
            vPrev = v;
            _cruiseObs[k] = x + FollowPolicy.SafeDistance(v, input.TimeGap);
        }
        for (int k = 0; k < P; k++)
        {
            double lead = double.PositiveInfinity;
            if (input.Lead0.Status) lead = _lead0Obs[k];
            if (input.Lead1.Status) lead = Math.Min(lead, _lead1Obs[k]);
            _leadObstacle[k] = lead;
            _obstacle[k] = Math.Min(lead, _cruiseObs[k]);
        }
        Source = PlanSource.Cruise;
        double nearest = _cruiseObs[1];
        if (input.Lead0.Status && _lead0Obs[1] < nearest) { nearest = _lead0Obs[1]; Source = PlanSource.Lead0; }
        if (input.Lead1.Status && _lead1Obs[1] < nearest) Source = PlanSource.Lead1;
    }

    private void SolveSqp(in MpcInput input, double jerkLimit)
    {
        bool lead = HasLead(input);
        int n = lead ? 2 * N : N;
        var z = _z.AsSpan(0, n);
        // The emergency solve starts from the comfortable plan: its jerks are within the wider bounds too.
        bool warm = jerkLimit != AccelLimits.ComfortJerk;
        if (!warm)
        {
            z.Clear();
            for (int k = 0; k < P; k++) _vBar[k] = Math.Max(0, _vFree[k]);
        }
        for (int it = 0; it < Math.Max(1, Weights.SqpIterations); it++)
        {
            Build(input, jerkLimit, lead);
            if (lead) MakeSlacksFeasible(z);
            // Each re-linearisation moves the problem a little: start from the last solution and its active set.
            var result = _solver.Solve(_qp, z, warmStart: warm || it > 0);
            Iterations += result.Iterations;
            Converged &= result.Converged;
            Trajectories(z);
            for (int k = 0; k < P; k++) _vBar[k] = Math.Max(0, V[k]);
        }
        MaxSlackM = 0;
        if (lead)
            for (int k = 0; k < N; k++) MaxSlackM = Math.Max(MaxSlackM, z[N + k]);
    }

    private void Build(in MpcInput input, double jerkLimit, bool lead)
    {
        var w = Weights;
        int n = lead ? 2 * N : N;
        _qp.Reset(n, lead ? 6 * N : 4 * N);
        var h = _qp.H;
        var g = _qp.G;
        var row = _row.AsSpan();
        for (int k = 1; k < P; k++)
        {
            // Gap: e = obstacle − x − safe(v), safe linearised at vBar; e = r − c·j.
            double slope = FollowPolicy.SafeDistanceSlope(_vBar[k], input.TimeGap);
            double r = _obstacle[k] - _xFree[k] - FollowPolicy.SafeDistance(_vBar[k], input.TimeGap) - slope * (_vFree[k] - _vBar[k]);
            for (int i = 0; i < N; i++) row[i] = _cx[k * N + i] + slope * _cv[k * N + i];
            double scale = _vBar[k] + 10;
            AddSquare(h, g, n, row, r, w.Gap / (scale * scale));
            // Acceleration: a = aFree + ca·j.
            for (int i = 0; i < N; i++) row[i] = _ca[k * N + i];
            AddSquare(h, g, n, row, -_aFree[k], w.Accel);
        }
        for (int i = 0; i < N; i++) h[i * n + i] += 2 * w.Jerk;

        int c = 0;
        for (int i = 0; i < N; i++)
        {
            _qp.Row(c)[i] = 1; _qp.B[c++] = -jerkLimit;
            _qp.Row(c)[i] = -1; _qp.B[c++] = -jerkLimit;
        }
        for (int k = 1; k < P; k++)
        {
            var lo = _qp.Row(c);
            for (int i = 0; i < k; i++) lo[i] = _ca[k * N + i];
            _qp.B[c++] = input.AMin - _aFree[k];
            var hi = _qp.Row(c);
            for (int i = 0; i < k; i++) hi[i] = -_ca[k * N + i];
            _qp.B[c++] = _aFree[k] - input.AMax;
        }
        if (!lead) return;
        for (int k = 1; k < P; k++)
        {
            int s = N + k - 1;
            h[s * n + s] += 2 * w.SlackQuadratic;
            g[s] += w.SlackLinear;
            _qp.Row(c)[s] = 1; _qp.B[c++] = 0;
            // Danger: leadObstacle − x − f·safe(v) + s ≥ 0, safe linearised at vBar.
            double f = w.DangerFactor, slope = FollowPolicy.SafeDistanceSlope(_vBar[k], input.TimeGap);
            var d = _qp.Row(c);
            for (int i = 0; i < k; i++) d[i] = -(_cx[k * N + i] + f * slope * _cv[k * N + i]);
            d[s] = 1;
            double obstacle = Math.Min(_leadObstacle[k], 1e6);   // a lead's obstacle is finite; the clamp only guards arithmetic
            _qp.B[c++] = -(obstacle - _xFree[k] - f * FollowPolicy.SafeDistance(_vBar[k], input.TimeGap) - f * slope * (_vFree[k] - _vBar[k]));
        }
    }

    /// <summary>Adds weight·(r − row·j)² to ½zᵀHz + gᵀz (row over the jerk variables).</summary>
    private static void AddSquare(double[] h, double[] g, int n, ReadOnlySpan<double> row, double r, double weight)
    {
        for (int i = 0; i < N; i++)
        {
            double ri = row[i];
            if (ri == 0) continue;
            g[i] -= 2 * weight * r * ri;
            for (int j = 0; j < N; j++) h[i * n + j] += 2 * weight * ri * row[j];
        }
    }

    /// <summary>Raises each slack to what the danger row needs at the current jerks, so the QP starts feasible.</summary>
    private void MakeSlacksFeasible(Span<double> z)
    {
        int n = 2 * N;
        for (int k = 1; k < P; k++)
        {
            int c = 4 * N + 2 * (k - 1) + 1, s = N + k - 1;
            var row = _qp.A.AsSpan(c * n, n);
            double value = 0;
            for (int i = 0; i < N; i++) value += row[i] * z[i];
            z[s] = Math.Max(Math.Max(z[s], 0), _qp.B[c] - value);
        }
    }

    private void Trajectories(ReadOnlySpan<double> z)
    {
        for (int k = 0; k < P; k++)
        {
            double a = _aFree[k], v = _vFree[k], x = _xFree[k];
            for (int i = 0; i < k; i++)
            {
                a += _ca[k * N + i] * z[i];
                v += _cv[k * N + i] * z[i];
                x += _cx[k * N + i] * z[i];
            }
            A[k] = a; V[k] = v; X[k] = x;
            J[k] = z[Math.Min(k, N - 1)];
        }
    }
}
