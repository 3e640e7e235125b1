using Pilot.Messaging.Events;
using Pilot.Sim.World;

namespace Pilot.ClosedLoop.Tests;

/// <summary>
/// One 10 ms sample of the longitudinal chain, each stage's newest output: the lead as the world has it, as the radar
/// tracks and radard see it, as the model sees it; the plan's target; controlsd's command; the brake the car applies.
/// </summary>
internal readonly record struct ChainSample(
    double Time,
    double TruthGap,        // m, ego front bumper to lead rear bumper (simulatorState)
    double TrackGap,        // m, nearest liveTracks point within 1.8 m of the car's axis, NaN when none
    bool RadarLead,         // radarState.leadOne.status
    double RadarGap,        // m, radarState.leadOne.dRel
    bool RadarBacked,       // radarState.leadOne.radar
    double RadarSpeed,      // m/s, radarState.leadOne.vLead
    double RadarAccel,      // m/s², radarState.leadOne.aLeadK
    double LeadTwoGap,      // m, radarState.leadTwo.dRel, NaN when none
    bool LeadTwoBacked,     // radarState.leadTwo.radar
    double ModelProb,       // modelV2.leads[0].prob
    double ModelGap,        // m, modelV2.leads[0].x[0] (from the camera)
    double ModelGapStd,     // m, modelV2.leads[0].xStd[0]
    double ModelY,          // m, modelV2.leads[0].y[0], positive left
    double ModelYStd,       // m, modelV2.leads[0].yStd[0]
    double RadarY,          // m, radarState.leadOne.yRel
    double ModelSpeed,      // m/s, modelV2.leads[0].v[0]
    double ModelSpeedStd,   // m/s, modelV2.leads[0].vStd[0]
    double TruthSpeed,      // m/s, the lead's true speed
    double ATarget,         // m/s², longitudinalPlan.aTarget
    bool PlanFcw,           // longitudinalPlan.fcw
    bool PlanEmergency,     // the plan brakes as an emergency (DriveFigures.IsEmergencyPlan)
    bool ShouldStop,        // longitudinalPlan.shouldStop
    double Accel,           // m/s², carControl.actuators.accel
    CarControl.LongControlState LongState,
    bool LongActive,        // carControl.longActive
    double BrakeForceN,     // N, brake force the simulated car applied
    double AEgo);           // m/s², the car's true acceleration

/// <summary>Keeps the newest value of each stage from the bus and samples them with the world's truth.</summary>
internal sealed class ChainTrace
{
    private double _trackGap = double.NaN, _radarGap, _radarV, _radarA, _twoGap, _modelProb, _modelGap, _modelStd, _modelY, _modelYStd, _radarY, _modelV, _modelVStd, _aTarget, _accel;
    private bool _radarLead, _radarBacked, _twoBacked, _planFcw, _planEmergency, _shouldStop, _longActive;
    private CarControl.LongControlState _longState;

    public List<ChainSample> Samples { get; } = [];

    public void Take(Event.Reader ev)
    {
        switch (ev.Which)
        {
            case Event.Which.LiveTracks:
                _trackGap = double.NaN;
                foreach (var p in ev.LiveTracks.Points)
                    if (Math.Abs(p.YRel) < 1.8 && !(p.DRel >= _trackGap)) _trackGap = p.DRel;
                break;
            case Event.Which.RadarState:
                var lead = ev.RadarState.LeadOne;
                (_radarLead, _radarGap, _radarBacked, _radarV, _radarA, _radarY) = (lead.Status, lead.DRel, lead.Radar, lead.VLead, lead.ALeadK, lead.YRel);
                var two = ev.RadarState.LeadTwo;
                (_twoGap, _twoBacked) = (two.Status ? two.DRel : double.NaN, two.Radar);
                break;
            case Event.Which.ModelV2:
                var leads = ev.ModelV2.Leads;
                (_modelProb, _modelGap, _modelStd, _modelV, _modelVStd, _modelY, _modelYStd) = leads.Count > 0 && leads[0].X.Count > 0 ? (leads[0].Prob, leads[0].X[0], leads[0].XStd[0], leads[0].V[0], leads[0].VStd[0], leads[0].Y[0], leads[0].YStd[0]) : (0, 0, 0, 0, 0, 0, 0);
                break;
            case Event.Which.LongitudinalPlan:
                var plan = ev.LongitudinalPlan;
                (_aTarget, _planFcw, _shouldStop) = (plan.ATarget, plan.Fcw, plan.ShouldStop);
                _planEmergency = DriveFigures.IsEmergencyPlan(plan);
                break;
            case Event.Which.CarControl:
                var cc = ev.CarControl;
                (_accel, _longState, _longActive) = (cc.Actuators.Accel, cc.Actuators.LongControlState, cc.LongActive);
                break;
        }
    }

    public void Sample(SimWorld world)
    {
        var s = world.State;
        Samples.Add(new ChainSample(s.Time, s.LeadPresent ? s.LeadGap : double.NaN, _trackGap, _radarLead, _radarGap, _radarBacked, _radarV, _radarA, _twoGap, _twoBacked,
            _modelProb, _modelGap, _modelStd, _modelY, _modelYStd, _radarY, _modelV, _modelVStd, s.LeadSpeed, _aTarget, _planFcw, _planEmergency, _shouldStop, _accel, _longState, _longActive,
            world.Ego.Longitudinal.BrakeForce, s.AEgo));
    }

    /// <summary>The newest plan is an emergency one.</summary>
    public bool Emergency => _planEmergency;

    /// <summary>The samples as CSV, one line each, for a failing drive's report.</summary>
    public string Csv() =>
        "t,truthGap,trackGap,radarLead,radarGap,radarBacked,radarV,radarA,twoGap,twoBacked,modelProb,modelGap,modelStd,modelY,modelYStd,radarY,modelV,modelVStd,truthV,aTarget,fcw,emergency,shouldStop,accel,longState,longActive,brakeN,aEgo\n"
        + string.Join("\n", Samples.Select(x =>
            FormattableString.Invariant($"{x.Time:F2},{x.TruthGap:F2},{x.TrackGap:F2},{x.RadarLead},{x.RadarGap:F2},{x.RadarBacked},{x.RadarSpeed:F2},{x.RadarAccel:F2},{x.LeadTwoGap:F2},{x.LeadTwoBacked},{x.ModelProb:F2},{x.ModelGap:F2},{x.ModelGapStd:F2},{x.ModelY:F2},{x.ModelYStd:F2},{x.RadarY:F2},{x.ModelSpeed:F2},{x.ModelSpeedStd:F2},{x.TruthSpeed:F2},{x.ATarget:F2},{x.PlanFcw},{x.PlanEmergency},{x.ShouldStop},{x.Accel:F2},{x.LongState},{x.LongActive},{x.BrakeForceN:F0},{x.AEgo:F2}")));
}
