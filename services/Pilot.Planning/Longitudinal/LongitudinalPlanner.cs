using System.Diagnostics;
using Pilot.Planning.Fusion;

namespace Pilot.Planning.Longitudinal;

/// <summary>What the planner reads each 20 Hz cycle.</summary>
public struct PlannerInput
{
    public double VEgo, AEgo;      // m/s, m/s² (carState)
    public double VCruise;         // m/s, set speed (≤ 0: none set, hold the current speed)
    public bool Active;            // longitudinal control engaged; when not, the plan restarts from the car's own state
    public bool Standstill;        // the car reports it is stopped
    public Personality Personality;
    public LeadEstimate Lead0, Lead1;
}

/// <summary>Planner settings from carParams and the command line.</summary>
public sealed record PlannerOptions
{
    public double ActuatorDelayS { get; init; } = 0.15;  // carParams.longitudinalActuatorDelay: aTarget looks this far ahead
    public double StepS { get; init; } = 0.05;           // planner period (20 Hz)
    public double VEgoStopping { get; init; } = 0.5;     // m/s, carParams.vEgoStopping: a plan below this is a stop
    public double FcwModelProb { get; init; } = 0.9;     // forward collision warnings only for leads the model is this sure of
    public int FcwCycles { get; init; } = 3;             // consecutive predicted crashes before warning (openpilot crash_cnt > 2)
    public MpcWeights Weights { get; init; } = new();
}

/// <summary>
/// The longitudinal planner (openpilot longitudinal_planner.py): keeps the plan continuous from cycle to cycle, runs the
/// MPC, and turns its trajectory into the acceleration to command now, whether to stop, and the collision warning.
/// </summary>
public sealed class LongitudinalPlanner(PlannerOptions options)
{
    private readonly LongitudinalMpc _mpc = new(options.Weights);
    private bool _hasPlan;
    private int _crashCount;

    public PlannerOptions Options { get; } = options;
    public LongitudinalMpc Mpc => _mpc;

    public double[] Speeds { get; } = new double[PlanGrid.Points];   // [17] m/s, ≥ 0
    public double[] Accels { get; } = new double[PlanGrid.Points];   // [17] m/s²
    public double[] Jerks { get; } = new double[PlanGrid.Points];    // [17] m/s³
    public double ATarget { get; private set; }                      // m/s², to command now
    public bool ShouldStop { get; private set; }
    public bool HasLead { get; private set; }
    public bool Fcw { get; private set; }
    public PlanSource Source => _mpc.Source;
    public double SolverSeconds { get; private set; }                // wall time of the MPC, s (a figure, never used for logic)

    public void Update(in PlannerInput input)
    {
        double vEgo = Math.Max(0, input.VEgo);
        double aMax = AccelLimits.MaxAccel(vEgo);
        // Continuity: start from where the last plan said the acceleration would be now, so consecutive plans join
        // without a step; restart from the measured acceleration when control was off.
        double a0 = _hasPlan && input.Active ? PlanGrid.At(Accels, Options.StepS) : input.AEgo;
        var mpcInput = new MpcInput
        {
            V0 = vEgo,
            A0 = Math.Clamp(a0, AccelLimits.Min, aMax),
            AMin = AccelLimits.Min,
            AMax = aMax,
            TimeGap = FollowPolicy.TimeGap(input.Personality),
            VCruise = input.VCruise > 0 ? input.VCruise : vEgo,
            Lead0 = input.Lead0,
            Lead1 = input.Lead1,
        };
        long start = Stopwatch.GetTimestamp();
        _mpc.Solve(mpcInput);
        SolverSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        for (int k = 0; k < PlanGrid.Points; k++)
        {
            Speeds[k] = Math.Max(0, _mpc.V[k]);
            Accels[k] = _mpc.A[k];
            Jerks[k] = _mpc.J[k];
        }
        _hasPlan = true;

        // aTarget: the constant acceleration that reaches the plan's speed one actuator delay (plus a cycle) from now,
        // given the plan's acceleration now (openpilot get_accel_from_plan).
        double actionT = Options.ActuatorDelayS + Options.StepS;
        double vTarget = PlanGrid.At(Speeds, actionT);
        double vTarget1s = PlanGrid.At(Speeds, actionT + 1.0);
        ATarget = Math.Clamp(2 * (vTarget - Speeds[0]) / actionT - Accels[0], AccelLimits.Min, AccelLimits.Max);
        ShouldStop = vTarget < Options.VEgoStopping && vTarget1s < Options.VEgoStopping;

        HasLead = input.Lead0.Status;
        bool crash = _mpc.CrashPredicted && input.Lead0.ModelProb > Options.FcwModelProb;
        _crashCount = crash ? _crashCount + 1 : 0;
        Fcw = _crashCount >= Options.FcwCycles && !input.Standstill;
    }

    /// <summary>Forgets the previous plan (the next one starts from the car's measured acceleration).</summary>
    public void Reset()
    {
        _hasPlan = false;
        _crashCount = 0;
    }
}
