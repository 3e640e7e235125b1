using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Planning.Fusion;
using Pilot.Planning.Longitudinal;
using Pilot.Daemons;

namespace Pilot.Planning.Daemons;

/// <summary>
/// plannerd: after each radarState, plans the next 2.5 s of speed from the set speed and the leads and publishes
/// longitudinalPlan. The set speed is controlsState.vCruise, or carState.cruiseState.speed before controlsd runs; the
/// time gap follows selfdriveState.personality; while control is not active the plan restarts from the car's state.
/// </summary>
public sealed class Plannerd : IDaemon
{
    public static readonly string[] InputServices = ["radarState", "carState", "controlsState", "selfdriveState", "carParams"];
    public static readonly string[] OutputServices = ["longitudinalPlan"];

    private readonly ITransport _transport;
    private readonly PubMaster _pub;
    private readonly MessageBuilder _message = new();
    private LongitudinalPlanner _planner;

    public Plannerd(ITransport transport, PlannerdOptions options)
    {
        _transport = transport;
        Options = options;
        Inputs = new SubMaster(InputServices, poll: "radarState", transport: transport);
        _pub = new PubMaster(OutputServices, transport);
        _planner = new LongitudinalPlanner(options.Planner);
    }

    public PlannerdOptions Options { get; }
    public string Name => "plannerd";
    public Schedule Schedule { get; } = new Schedule.Polled("radarState");
    public SubMaster Inputs { get; }

    /// <summary>The planner with the car's figures in force (for tests and tools).</summary>
    public LongitudinalPlanner Planner => _planner;

    public void Step()
    {
        var radarState = Inputs["radarState"];
        if (radarState.ReceiveCount == 0) return;
        ReadCarParams();
        var carState = Inputs["carState"];
        var cs = new Event.Reader(carState.Event).CarState;
        var controls = Inputs["controlsState"];
        var selfdrive = Inputs["selfdriveState"];
        bool controlsAlive = InputHealth.Alive(controls), selfdriveAlive = InputHealth.Alive(selfdrive);
        double vCruise = controlsAlive ? new Event.Reader(controls.Event).ControlsState.VCruise : 0;
        if (!(vCruise > 0)) vCruise = cs.CruiseState.Speed;
        var sd = new Event.Reader(selfdrive.Event).SelfdriveState;
        var rs = new Event.Reader(radarState.Event).RadarState;

        _planner.Update(new PlannerInput
        {
            VEgo = Finite(cs.VEgo),
            AEgo = Finite(cs.AEgo),
            VCruise = double.IsFinite(vCruise) ? vCruise : 0,
            Active = selfdriveAlive && sd.Active && carState.ReceiveCount > 0,
            Standstill = cs.Standstill,
            Personality = selfdriveAlive ? (Personality)(int)sd.Personality : Personality.Standard,
            Lead0 = Read(rs.LeadOne),
            Lead1 = Read(rs.LeadTwo),
        });
        // controlsState and selfdriveState only need to be heard: their validity depends on this plan's.
        bool valid = InputHealth.Ok(radarState) && InputHealth.Ok(carState);
        Publish(rs.ModelMonoTime, valid);
    }

    private void ReadCarParams()
    {
        var state = Inputs["carParams"];
        if (!state.Updated) return;
        var cp = new Event.Reader(state.Event).CarParams;
        var current = _planner.Options;
        double delay = cp.LongitudinalActuatorDelay, stopping = cp.VEgoStopping;
        var wanted = current with
        {
            ActuatorDelayS = double.IsFinite(delay) && delay >= 0 && delay <= 1 ? delay : current.ActuatorDelayS,
            VEgoStopping = double.IsFinite(stopping) && stopping > 0 && stopping <= 3 ? stopping : current.VEgoStopping,
        };
        if (wanted != current) _planner = new LongitudinalPlanner(wanted);   // rare: the car's figures changed
    }

    private static double Finite(float v) => float.IsFinite(v) ? v : 0;

    /// <summary>A radarState lead; one with non-finite numbers is no lead.</summary>
    private static LeadEstimate Read(RadarState.LeadData.Reader l)
    {
        if (!l.Status || !float.IsFinite(l.DRel) || !float.IsFinite(l.VLead) || !float.IsFinite(l.ALeadK) || !float.IsFinite(l.ALeadTau))
            return LeadEstimate.None;
        return new LeadEstimate
        {
            Status = true, DRel = l.DRel, YRel = l.YRel, VRel = l.VRel, ARel = l.ARel, VLead = l.VLead, ALeadK = l.ALeadK,
            ALeadTau = Math.Max(0, l.ALeadTau), DPath = l.DPath, ModelProb = l.ModelProb, Radar = l.Radar,
            RadarTrackId = l.RadarTrackId, Fcw = l.Fcw,
        };
    }

    private void Publish(ulong modelMonoTime, bool valid)
    {
        var p = _planner;
        _message.Reset();
        var ev = new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        var plan = ev.InitLongitudinalPlan();
        plan.SetModelMonoTime(modelMonoTime);
        plan.SetHasLead(p.HasLead);
        plan.SetFcw(p.Fcw);
        var speeds = plan.InitSpeeds(PlanGrid.Points);
        var accels = plan.InitAccels(PlanGrid.Points);
        var jerks = plan.InitJerks(PlanGrid.Points);
        for (int k = 0; k < PlanGrid.Points; k++)
        {
            speeds[k] = (float)p.Speeds[k];
            accels[k] = (float)p.Accels[k];
            jerks[k] = (float)p.Jerks[k];
        }
        plan.SetATarget((float)p.ATarget);
        plan.SetShouldStop(p.ShouldStop);
        plan.SetAllowThrottle(true);
        plan.SetAllowBrake(true);
        plan.SetSource((LongitudinalPlan.Source)(int)p.Source);
        plan.SetSolverExecutionTime((float)p.SolverSeconds);
        long now = _transport.NowNs();
        plan.SetProcessingDelay(modelMonoTime > 0 ? (float)((now - (long)modelMonoTime) / 1e9) : 0);
        _pub.Send("longitudinalPlan", _message, valid);
    }

    public void Dispose()
    {
        Inputs.Dispose();
        _pub.Dispose();
    }
}
