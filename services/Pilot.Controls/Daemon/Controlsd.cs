using Pilot.Controls.Car;
using Pilot.Controls.Detection;
using Pilot.Controls.Engagement;
using Pilot.Controls.Lateral;
using Pilot.Controls.Longitudinal;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;

namespace Pilot.Controls.Daemon;

/// <summary>
/// controlsd: at 100 Hz, raises events from the car and the other processes, runs the engagement state machine and the
/// alert manager (openpilot's selfdrived), then the lateral and longitudinal controllers (controlsd), and publishes
/// carControl, controlsState and selfdriveState. Until a usable carParams arrives it stays disabled with a no-entry alert
/// and commands nothing.
/// </summary>
public sealed class Controlsd : IDaemon
{
    public static readonly string[] InputServices =
        ["carState", "modelV2", "longitudinalPlan", "radarState", "carParams", "bridgeState", "managerState", "deviceState"];
    private const string CarParamsService = "carParams";   // sent every 50 s: health counts it once heard, never timed
    private const double DegToRad = Math.PI / 180;

    private readonly ITransport _transport;
    private readonly PubMaster _pub;
    private readonly OutputWriter _writer;
    private readonly ServiceHealth _health;
    private readonly CarEvents _carEvents = new();
    private readonly SystemEvents _systemEvents;
    private readonly EventSet _events = new();
    private readonly StateMachine _stateMachine = new(ControlsdOptions.RateHz);
    private readonly AlertManager _alerts = new(ControlsdOptions.RateHz);
    private readonly PathCurvature _path;
    private readonly TorqueController _torque = new(ControlsdOptions.RateHz);
    private readonly LongControl _long;
    private readonly LagMeter _lag = new(ControlsdOptions.RateHz);
    private CarParameters? _cp;
    private string? _cpProblem;
    private VehicleModel? _vehicle;
    private double _desiredCurvature;
    private bool _saturated;
    private long _frame;

    public Controlsd(ITransport transport, ControlsdOptions options)
    {
        _transport = transport;
        var untimed = options.Optional.Append(CarParamsService).ToArray();
        // managerState is invalid while any process is down; processNotRunning names which, so its flag is no commIssue.
        Inputs = new SubMaster(InputServices, transport: transport, ignoreAlive: untimed, ignoreValid: ["managerState"]);
        _pub = new PubMaster(OutputWriter.Services, transport);
        _writer = new OutputWriter(_pub);
        _health = new ServiceHealth(Inputs, untimed, options.Optional);
        _systemEvents = new SystemEvents(Inputs, ControlsdOptions.RateHz);
        _path = new PathCurvature(options.LookaheadS, options.MinLookaheadM);
        _long = new LongControl(ControlsdOptions.RateHz, options.StartAccel);
    }

    public string Name => "controlsd";
    public Schedule Schedule { get; } = new Schedule.Timed(ControlsdOptions.RateHz);
    public SubMaster Inputs { get; }

    public void Step()
    {
        _frame++;
        double lagMs = _lag.Step(_transport.NowNs());
        ReadCarParams();
        var carState = Inputs["carState"];
        bool haveCar = carState.ReceiveCount > 0;
        var cs = new Event.Reader(carState.Event).CarState;

        // selfdrived: events, state machine, alerts.
        string? inputFailure = _health.FirstFailure();
        _events.Clear();
        if (_cp is null) _events.Add(EventName.NoCarParams);
        else if (_cpProblem is not null) _events.Add(EventName.CarParamsInvalid, _cpProblem);
        if (haveCar) _carEvents.Detect(_events, cs, _cp);
        _systemEvents.Detect(_events, _stateMachine.Enabled, inputFailure);
        if (_saturated) _events.Add(EventName.SteerSaturated);
        _stateMachine.Update(_events.Types);
        var clear = EventTypes.None;
        if ((_stateMachine.AlertTypes & EventTypes.Warning) == 0) clear |= EventTypes.Warning;
        if (_stateMachine.Enabled) clear |= EventTypes.NoEntry;
        _alerts.Add(_frame, _events, _stateMachine.AlertTypes);
        _alerts.Process(_frame, clear);

        var frame = Control(cs, haveCar) with { CumLagMs = lagMs };
        _writer.Publish(frame, valid: inputFailure is null);
    }

    private void ReadCarParams()
    {
        var state = Inputs[CarParamsService];
        if (!state.Updated) return;
        var cp = CarParameters.FromMessage(new Event.Reader(state.Event).CarParams);
        _cpProblem = cp.Problem;
        _cp = cp;
        _vehicle = _cpProblem is null ? new VehicleModel(cp) : null;
    }

    /// <summary>controlsd proper: what to command this step.</summary>
    private ControlsFrame Control(CarState.Reader cs, bool haveCar)
    {
        var sm = _stateMachine;
        var plan = new Event.Reader(Inputs["longitudinalPlan"].Event).LongitudinalPlan;
        var radar = new Event.Reader(Inputs["radarState"].Event).RadarState;
        // Actuate only once the car's cruise is on: the device allows control from then on, and a command it refuses
        // before that resets its torque history, so a ramp begun early would be refused from then on.
        bool ready = _vehicle is not null && haveCar && CarEvents.HasFiniteMotion(cs) && cs.CruiseState.Enabled;
        var cp = _cp!;
        double v = cs.VEgo;
        double aTarget = float.IsFinite(plan.ATarget) ? plan.ATarget : 0;   // not finite: commIssue takes control away
        bool latActive = ready && sm.Active && !cs.SteerFaultTemporary && !cs.SteerFaultPermanent
            && !(cp.MinSteerSpeed > 0 && v < cp.MinSteerSpeed);
        bool longActive = ready && sm.Active && cp.PilotLongitudinalControl && !_events.Contains(EventTypes.OverrideLongitudinal);

        double current = 0, desired = 0, desiredAngleDeg = 0;
        LateralOutput lat = default;
        LongOutput lon = new(0, CarControl.LongControlState.Off, 0, 0, 0);
        if (ready)
        {
            current = _vehicle!.Curvature(cs.SteeringAngleDeg * DegToRad, v);
            bool limited = false;
            if (latActive)
            {
                var model = Inputs["modelV2"];
                double target = (model.ReceiveCount > 0 ? _path.FromPath(new Event.Reader(model.Event).ModelV2.Position, v, cp.SteerActuatorDelayS) : null) ?? current;
                desired = CurvatureLimits.Clip(v, _desiredCurvature, target, 1 / ControlsdOptions.RateHz, out limited);
            }
            else desired = current;   // engaging starts from what the car drives, so the jerk limit ramps from there
            desiredAngleDeg = _vehicle.SteeringWheelAngle(desired, v) / DegToRad;
            lat = _torque.Update(latActive, cp, v, cs.SteeringPressed, desired, current, limited);
            lon = _long.Update(longActive, cp, v, cs.AEgo, cs.BrakePressed, cs.CruiseState.Standstill, aTarget, plan.ShouldStop);
        }
        _desiredCurvature = desired;
        _saturated = lat.Saturated;

        var cruise = cs.CruiseState;
        var speeds = plan.Speeds;
        return new ControlsFrame(
            sm.State, sm.Enabled, sm.Active, !_events.Contains(EventTypes.NoEntry), latActive, longActive, _alerts.Current,
            current, desired, cs.SteeringAngleDeg, desiredAngleDeg, lat, lon, aTarget, cruise.Speed,
            // The car's cruise must not stay on while Pilot is not engaged. While engaged it stays on: on Honda Nidec the
            // PCM's cruise is the actuator Pilot speaks to (ACC_HUD), and the device allows control only while it is on.
            CruiseCancel: cruise.Enabled && !sm.Enabled,
            CruiseResume: sm.Enabled && cruise.Standstill && speeds.Count > 0 && speeds[speeds.Count - 1] > 0.1,
            GasOverride: _events.Contains(EventTypes.OverrideLongitudinal),
            LeadVisible: radar.LeadOne.Status,
            CumLagMs: 0,
            FrameSofMonoTime: Inputs["modelV2"].ReceiveCount > 0 ? new Event.Reader(Inputs["modelV2"].Event).ModelV2.TimestampSof : 0);
    }

    public void Dispose()
    {
        Inputs.Dispose();
        _pub.Dispose();
    }
}
