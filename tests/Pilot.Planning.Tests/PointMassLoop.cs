using Pilot.Planning.Fusion;
using Pilot.Planning.Longitudinal;
using Pilot.Planning.Tracking;

namespace Pilot.Planning.Tests;

/// <summary>
/// The planner closed around a point-mass ego that follows aTarget after the actuator delay, and a scripted lead seen
/// through a radar track's Kalman filter. 20 Hz, like plannerd. Records what the tests judge.
/// </summary>
internal sealed class PointMassLoop
{
    public const double Dt = 0.05;                 // s, one planner cycle
    private const int DelaySteps = 3;              // 0.15 s actuator delay, as the planner is told

    private readonly LongitudinalPlanner _planner = new(new PlannerOptions { ActuatorDelayS = DelaySteps * Dt, StepS = Dt });
    private readonly Queue<double> _pending = new();
    private RadarTrack _track;

    public double EgoX, EgoV, EgoA;                // m, m/s, m/s² (the acceleration actually applied)
    public double LeadX = double.NaN, LeadV, LeadA;// NaN position: no lead
    public double VCruise;
    public Personality Personality = Personality.Standard;
    public Func<double, double> LeadAccel = _ => 0;   // scripted lead acceleration by time, m/s²
    public double Time;

    public double MinGap = double.PositiveInfinity;      // m, smallest bumper-to-bumper distance seen
    public double MaxEgoJerk;                            // m/s³, outside emergencies
    public double MaxEgoAccel = double.NegativeInfinity, MinEgoAccel = double.PositiveInfinity;
    public int EmergencyCycles;
    public int FcwCycles;                                // cycles with a forward collision warning
    public int UnconvergedCycles;                        // cycles whose QPs stopped at the iteration limit
    public int MaxIterations;                            // most active-set iterations in one cycle
    public LongitudinalPlanner Planner => _planner;

    public PointMassLoop(double egoV, double vCruise)
    {
        EgoV = egoV;
        VCruise = vCruise;
        for (int i = 0; i < DelaySteps; i++) _pending.Enqueue(0);
    }

    public void PlaceLead(double gap, double speed)
    {
        LeadX = EgoX + gap;
        LeadV = speed;
        _track = RadarTrack.Create(1, speed, Dt);
    }

    public double Gap => LeadX - EgoX;

    public void Run(double seconds)
    {
        int steps = (int)Math.Round(seconds / Dt);
        for (int i = 0; i < steps; i++) Step();
    }

    private void Step()
    {
        var lead0 = LeadEstimate.None;
        if (!double.IsNaN(LeadX))
        {
            _track.Update(Gap, 0, LeadV - EgoV, LeadV, true, Dt);
            lead0 = new LeadEstimate
            {
                Status = true, DRel = Gap, VRel = LeadV - EgoV, VLead = _track.Kalman.Speed, ALeadK = _track.Kalman.Accel,
                ALeadTau = _track.ALeadTau, ModelProb = 1, Radar = true, RadarTrackId = 1,
            };
        }
        _planner.Update(new PlannerInput
        {
            VEgo = EgoV, AEgo = EgoA, VCruise = VCruise, Active = true, Standstill = EgoV < 0.01,
            Personality = Personality, Lead0 = lead0, Lead1 = LeadEstimate.None,
        });
        if (_planner.Mpc.Emergency) EmergencyCycles++;
        if (!_planner.Mpc.Converged) UnconvergedCycles++;
        if (_planner.Fcw) FcwCycles++;
        MaxIterations = Math.Max(MaxIterations, _planner.Mpc.Iterations);
        _pending.Enqueue(_planner.ATarget);
        double a = _pending.Dequeue();
        if (EgoV <= 0 && a < 0) a = 0;   // brakes hold a stopped car; they do not push it backwards
        double jerk = Math.Abs(a - EgoA) / Dt;
        if (!_planner.Mpc.Emergency && Time > 0.5) MaxEgoJerk = Math.Max(MaxEgoJerk, jerk);
        EgoA = a;
        MaxEgoAccel = Math.Max(MaxEgoAccel, a);
        MinEgoAccel = Math.Min(MinEgoAccel, a);
        double v = Math.Max(0, EgoV + a * Dt);
        EgoX += (EgoV + v) / 2 * Dt;
        EgoV = v;
        if (!double.IsNaN(LeadX))
        {
            double la = LeadV <= 0 && LeadAccel(Time) < 0 ? 0 : LeadAccel(Time);
            double lv = Math.Max(0, LeadV + la * Dt);
            LeadX += (LeadV + lv) / 2 * Dt;
            LeadV = lv;
            LeadA = la;
            MinGap = Math.Min(MinGap, Gap);
        }
        Time += Dt;
    }
}
