using Pilot.Controls.Engagement;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Controls.Detection;

/// <summary>
/// Events from the other processes (openpilot's selfdrived system checks): unhealthy inputs, a lagging model, radar
/// errors, dead processes, heat, collision warnings, and a CAN device that does not allow what the host commands.
/// </summary>
public sealed class SystemEvents(SubMaster inputs, double rateHz)
{
    public const double MaxFrameDropPercent = 20;     // model dropping more than 1 frame in 5 cannot be trusted (openpilot)
    public const double MismatchTimeS = 2.0;          // ARCHITECTURE.md: host engaged, device not, for 2 s
    private readonly int _mismatchFrames = (int)Math.Round(MismatchTimeS * rateHz);
    private int _mismatchCount;
    private const string PlanNotFinite = "longitudinalPlan aTarget not finite";
    private string? _deadProcess;                     // from the newest managerState

    /// <param name="enabled">engaged in the previous step</param>
    /// <param name="inputFailure">the first unhealthy input, named (<see cref="ServiceHealth.FirstFailure"/>), or null</param>
    public void Detect(EventSet events, bool enabled, string? inputFailure)
    {
        if (inputFailure is string failure) events.Add(EventName.CommIssue, failure);

        var model = inputs["modelV2"];
        if (model.Alive && new Event.Reader(model.Event).ModelV2.FrameDropPerc > MaxFrameDropPercent)
            events.Add(EventName.ModeldLagging);

        var radar = inputs["radarState"];
        if (radar.ReceiveCount > 0)
        {
            var rs = new Event.Reader(radar.Event).RadarState;
            if (rs.RadarErrors.Count > 0) events.Add(EventName.RadarFault);
            // leadOne.fcw only marks a lead sure enough to be warned of; whether a crash is coming is the planner's call
            // (longitudinalPlan.fcw below), as in openpilot. Raising it here warned of every radar-backed lead, all drive.
        }
        var plan = inputs["longitudinalPlan"];
        if (plan.ReceiveCount > 0)
        {
            var lp = new Event.Reader(plan.Event).LongitudinalPlan;
            if (lp.Fcw) events.Add(EventName.Fcw);
            // A plan that is not a number cannot be followed: treat it like an invalid input.
            if (!float.IsFinite(lp.ATarget)) events.Add(EventName.CommIssue, PlanNotFinite);
        }

        var manager = inputs["managerState"];
        if (manager.Updated) _deadProcess = FirstDeadProcess(new Event.Reader(manager.Event).ManagerState);
        if (_deadProcess is not null) events.Add(EventName.ProcessNotRunning, _deadProcess);

        var device = inputs["deviceState"];
        if (device.ReceiveCount > 0 && new Event.Reader(device.Event).DeviceState.ThermalStatus >= DeviceState.ThermalStatus.Red)
            events.Add(EventName.Overheat);

        // The device's safety model decides what reaches the car; engaged without its consent means commands are dropped.
        // A bench device in all-output mode checks nothing (the simulator car), so its consent is not asked for.
        var bridge = inputs["bridgeState"];
        var bridgeState = new Event.Reader(bridge.Event).BridgeState;
        bool refused = bridge.ReceiveCount > 0 && !bridgeState.ControlsAllowed && bridgeState.SafetyModel != CarParams.SafetyModel.AllOutput;
        _mismatchCount = enabled && refused ? _mismatchCount + 1 : 0;
        if (_mismatchCount >= _mismatchFrames) events.Add(EventName.ControlsMismatch);
    }

    private static string? FirstDeadProcess(ManagerState.Reader ms)
    {
        foreach (var p in ms.Processes)
            if (p.ShouldBeRunning && !p.Running) return p.Name;
        return null;
    }
}
