using Pilot.Planning.Fusion;

namespace Pilot.Planning.Longitudinal;

/// <summary>
/// A lead's predicted motion on the plan grid (openpilot long_mpc.extrapolate_lead): its acceleration decays as
/// a·exp(−aLeadTau·t²/2), its speed never goes below 0, and its "obstacle" is where it would stop braking at
/// <see cref="FollowPolicy.ComfortBrake"/>: x + v²/(2·2.5).
/// </summary>
public static class LeadTrajectory
{
    /// <summary>Fills position (m, from the ego's front now), speed and obstacle, each [17].</summary>
    public static void Predict(in LeadEstimate lead, Span<double> x, Span<double> v, Span<double> obstacle)
    {
        double dt = PlanGrid.Dt;
        x[0] = lead.DRel;
        v[0] = Math.Max(0, lead.VLead);
        for (int k = 1; k < PlanGrid.Points; k++)
        {
            double t = PlanGrid.Time(k - 1);
            double a = lead.ALeadK * Math.Exp(-lead.ALeadTau * t * t / 2);
            v[k] = Math.Max(0, v[k - 1] + dt * a);
            x[k] = x[k - 1] + dt * (v[k - 1] + v[k]) / 2;
        }
        for (int k = 0; k < PlanGrid.Points; k++) obstacle[k] = x[k] + FollowPolicy.StoppedEquivalence(v[k]);
    }
}
