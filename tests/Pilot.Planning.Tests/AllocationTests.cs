using Pilot.Planning.Fusion;
using Pilot.Planning.Longitudinal;
using Pilot.Planning.Tracking;

namespace Pilot.Planning.Tests;

public class AllocationTests
{
    /// <summary>Runs the body for 300 ms, past tiered compilation's promotion of hot methods, before bytes are counted.</summary>
    private static void WarmUp(Action body)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 300) body();
    }

    [Fact]
    public void The_planner_cycle_allocates_nothing_once_warm()
    {
        var planner = new LongitudinalPlanner(new PlannerOptions());
        var input = new PlannerInput
        {
            VEgo = 25, VCruise = 30, Active = true,
            Lead0 = new LeadEstimate { Status = true, DRel = 40, VLead = 20, ALeadK = -1, ALeadTau = 1.5, ModelProb = 1, RadarTrackId = 1 },
            Lead1 = LeadEstimate.None,
        };
        WarmUp(() => planner.Update(input));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            input.Lead0.DRel -= 0.2;
            planner.Update(input);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Track_update_and_lead_fusion_allocate_nothing_once_warm()
    {
        var table = new TrackTable();
        var fusion = new LeadFusion(new LeadFusionOptions());
        var path = new ModelPath();
        var points = new RadarPoint[] { new(1, 30, 0, -2, true), new(2, 50, 3, 0, true), new(3, 12, -1, -20, true) };
        var lead = new ModelLead(0.9, 31.5, 2, 0, 0.5, 18, 1, 0);
        WarmUp(() =>
        {
            table.Update(points, 20);
            path.Clear();
            for (int k = 0; k < 33; k++) path.Add(k * 5, 0);
            fusion.Lead(table.Tracks, lead, true, 20, 0, path, true);
        });
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 100; i++)
        {
            points[0] = points[0] with { DRel = 30 - i * 0.1 };
            table.Update(points, 20);
            path.Clear();
            for (int k = 0; k < 33; k++) path.Add(k * 5, 0);
            sum += fusion.Lead(table.Tracks, lead, true, 20, 0, path, true).DRel;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }
}
