using Pilot.Planning.Fusion;
using Pilot.Planning.Longitudinal;
using Pilot.Planning.Tracking;

namespace Pilot.Benchmarks;

/// <summary>
/// <c>./pilot bench planning</c>: time and allocation of one plannerd cycle (the longitudinal MPC) in its typical
/// states — cruising, following a braking lead, an emergency stop — with the active-set iterations each needed, and of
/// one radard cycle (16 radar tracks updated, two leads fused). Both run at 20 Hz: a budget of 50 ms each, of which
/// they should use a few percent on the 2-core machine.
/// </summary>
public sealed class PlanningSuite : ISuite
{
    public string Name => "planning";

    public void Run(Report report, string[] args)
    {
        if (File.Exists("/proc/loadavg")) report.Fact("load_average_1min", File.ReadAllText("/proc/loadavg").Split(' ')[0]);
        Plan(report, "cruise", new PlannerInput { VEgo = 20, VCruise = 30, Active = true });
        Plan(report, "follow_braking_lead", new PlannerInput
        {
            VEgo = 25, VCruise = 30, Active = true,
            Lead0 = new LeadEstimate { Status = true, DRel = 35, VLead = 20, ALeadK = -2, ALeadTau = 0.5, ModelProb = 1 },
        });
        Plan(report, "emergency_stop", new PlannerInput
        {
            VEgo = 25, VCruise = 25, Active = true,
            Lead0 = new LeadEstimate { Status = true, DRel = 60, VLead = 0, ALeadTau = 1.5, ModelProb = 1 },
        });
        Radar(report);
    }

    private static void Plan(Report report, string name, PlannerInput input)
    {
        var planner = new LongitudinalPlanner(new PlannerOptions());
        // Hold the previous plan fixed (a fresh planner each call would measure construction): Reset keeps buffers.
        void Cycle() { planner.Reset(); planner.Update(input); }
        var (ns, bytes) = Measure.PerCall(Cycle, inner: 50, samples: 15);
        // The cores are shared: thread CPU time shows the cost without the time spent descheduled.
        double cpuNs = ThreadCpu.PerCall(Cycle, inner: 50);
        report.Add($"plan_{name}_us", ns / 1000, "µs", $"one plannerd cycle (wall), {planner.Mpc.Iterations} active-set iterations, emergency={planner.Mpc.Emergency}");
        report.Add($"plan_{name}_cpu_us", cpuNs / 1000, "µs", "the same, thread CPU time");
        report.Add($"plan_{name}_bytes", bytes, "B/call", "allocation per cycle");
    }

    private static void Radar(Report report)
    {
        var table = new TrackTable();
        var fusion = new LeadFusion(new LeadFusionOptions());
        var path = new ModelPath();
        for (int k = 0; k < 33; k++) path.Add(192.0 * k * k / 1024, 0.01 * k);
        var points = new RadarPoint[16];
        for (int i = 0; i < points.Length; i++) points[i] = new RadarPoint((uint)i, 10 + 8 * i, (i % 5) - 2, -i * 0.5, true);
        var lead0 = new ModelLead(0.9, 41.5, 2, 0, 0.5, 18, 1, 0);
        var lead1 = new ModelLead(0.6, 81.5, 4, 0, 0.8, 20, 2, 0);
        double sink = 0;
        var (ns, bytes) = Measure.PerCall(() =>
        {
            table.Update(points, 20);
            sink += fusion.Lead(table.Tracks, lead0, true, 20, 0, path, true).DRel;
            sink += fusion.Lead(table.Tracks, lead1, true, 20, 0, path, false).DRel;
        }, inner: 1000);
        report.Add("radar_cycle_us", ns / 1000, "µs", $"16 tracks updated, two leads fused (checksum {sink > 0})");
        report.Add("radar_cycle_bytes", bytes, "B/call", "allocation per cycle");
    }
}
