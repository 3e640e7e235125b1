using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Planning.Daemons;

namespace Pilot.Planning.Tests;

public class RadardTests
{
    private const long Ms = 1_000_000;

    /// <summary>Runs radard for <paramref name="seconds"/> at 20 Hz with carState at 100 Hz; returns the last radarState.</summary>
    private static (Event.Reader Event, Radard Daemon) Run(BusMessages bus, Radard radard, double seconds, long startMs,
        Func<long, bool> radarOn, double modelX = 31.52, double modelY = 0.1)
    {
        Event.Reader? last = null;
        for (long t = startMs; t < startMs + seconds * 1000; t += 50)
        {
            for (long c = t - 40; c <= t; c += 10) bus.CarState(c * Ms, 20);
            if (radarOn(t))
                bus.Tracks(t * Ms, (1, 30, 3.5, 0), (2, 30, 0, -2), (3, 60, 0, -2));
            bus.Model(t * Ms, 0.9, modelX, modelY, 18);
            radard.Inputs.Update(0);
            radard.Step();
            last = BusMessages.Last(bus.Bus.Collect(), "radarState") ?? last;
        }
        return (last ?? throw new InvalidOperationException("radard published nothing"), radard);
    }

    [Fact]
    public void Fuses_the_models_lead_with_the_matching_radar_track()
    {
        var bus = new BusMessages();
        using var radard = new Radard(bus.Bus, new RadardOptions());
        bus.CarParams(0, radarUnavailable: false);
        var (ev, _) = Run(bus, radard, 1.5, 100, _ => true);
        var rs = ev.RadarState;
        Assert.True(ev.Valid);
        Assert.True(rs.LeadOne.Status);
        Assert.True(rs.LeadOne.Radar);
        Assert.Equal(2, rs.LeadOne.RadarTrackId);
        Assert.Equal(30, rs.LeadOne.DRel, 1e-4);
        Assert.Equal(18, rs.LeadOne.VLead, 0.05);
        Assert.False(rs.LeadTwo.Status);   // the model gives leads[1] no probability
        Assert.Equal(0, rs.RadarErrors.Count);
        Assert.Equal((ulong)(1550 * Ms), rs.ModelMonoTime);
        Assert.Equal((ulong)(1550 * Ms), rs.CarStateMonoTime);
        Assert.Equal(3, radard.Tracks.Count);
    }

    [Fact]
    public void A_car_without_radar_gets_the_models_lead()
    {
        var bus = new BusMessages();
        using var radard = new Radard(bus.Bus, new RadardOptions());
        bus.CarParams(0, radarUnavailable: true);
        var (ev, _) = Run(bus, radard, 1.0, 100, _ => true);   // tracks on the bus are ignored: the car says its radar is unusable
        var lead = ev.RadarState.LeadOne;
        Assert.True(ev.Valid);
        Assert.True(lead.Status);
        Assert.False(lead.Radar);
        Assert.Equal(-1, lead.RadarTrackId);
        Assert.Equal(30, lead.DRel, 1e-4);   // 31.52 m from the camera
        Assert.Equal(0.1, lead.YRel, 1e-6);
        Assert.Equal(-2, lead.VRel, 1e-5);
        Assert.Equal(0, radard.Tracks.Count);
    }

    [Fact]
    public void A_radar_that_goes_silent_is_a_can_error_and_leads_fall_back_to_vision()
    {
        var bus = new BusMessages();
        using var radard = new Radard(bus.Bus, new RadardOptions());
        bus.CarParams(0, radarUnavailable: false);
        var (ev, _) = Run(bus, radard, 2.0, 100, t => t < 1000);
        var rs = ev.RadarState;
        Assert.False(ev.Valid);
        Assert.Equal(1, rs.RadarErrors.Count);
        Assert.Equal(RadarState.Error.CanError, rs.RadarErrors[0]);
        Assert.True(rs.LeadOne.Status);
        Assert.False(rs.LeadOne.Radar);
    }
}

public class PlannerdTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void Plans_to_slow_for_a_slower_lead_and_publishes_the_whole_plan()
    {
        var bus = new BusMessages();
        using var plannerd = new Plannerd(bus.Bus, new PlannerdOptions());
        bus.CarParams(0, radarUnavailable: false);
        Event.Reader? last = null;
        for (long t = 100; t < 1600; t += 50)
        {
            for (long c = t - 40; c <= t; c += 10) bus.CarState(c * Ms, 25, setSpeed: 30);
            bus.RadarState(t * Ms, (t - 20) * Ms, lead: true, dRel: 30, vLead: 20);
            plannerd.Inputs.Update(0);
            plannerd.Step();
            last = BusMessages.Last(bus.Bus.Collect(), "longitudinalPlan") ?? last;
        }
        Assert.NotNull(last);
        var ev = last.Value;
        var plan = ev.LongitudinalPlan;
        Assert.True(ev.Valid);
        Assert.True(plan.HasLead);
        Assert.Equal(LongitudinalPlan.Source.Lead0, plan.Source);
        Assert.True(plan.ATarget < -1.0, $"aTarget {plan.ATarget}: 30 m behind a car 5 m/s slower calls for braking");
        Assert.Equal(17, plan.Speeds.Count);
        Assert.Equal(17, plan.Accels.Count);
        Assert.Equal(17, plan.Jerks.Count);
        Assert.Equal(25, plan.Speeds[0], 1e-4);
        Assert.True(plan.Speeds[16] < plan.Speeds[0]);
        Assert.Equal(0.02, plan.ProcessingDelay, 1e-6);   // radarState came 20 ms after its model frame
        Assert.Equal((ulong)1530 * Ms, plan.ModelMonoTime);
        Assert.True(plan.SolverExecutionTime > 0);
    }

    [Fact]
    public void Without_a_lead_it_cruises_toward_the_cars_set_speed()
    {
        var bus = new BusMessages();
        using var plannerd = new Plannerd(bus.Bus, new PlannerdOptions());
        Event.Reader? last = null;
        for (long t = 100; t < 600; t += 50)
        {
            for (long c = t - 40; c <= t; c += 10) bus.CarState(c * Ms, 20, setSpeed: 30);
            bus.RadarState(t * Ms, t * Ms, lead: false, dRel: 0, vLead: 0);
            plannerd.Inputs.Update(0);
            plannerd.Step();
            last = BusMessages.Last(bus.Bus.Collect(), "longitudinalPlan") ?? last;
        }
        var plan = last!.Value.LongitudinalPlan;
        Assert.False(plan.HasLead);
        Assert.Equal(LongitudinalPlan.Source.Cruise, plan.Source);
        Assert.True(plan.ATarget > 0.3, $"aTarget {plan.ATarget}");
        Assert.True(plan.Speeds[16] > 20.5);
        Assert.False(plan.ShouldStop);
    }
}
