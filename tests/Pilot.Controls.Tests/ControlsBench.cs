using Pilot.Capnp;
using Pilot.Controls.Daemon;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using ButtonType = Pilot.Messaging.Events.CarState.ButtonEvent.Type;
using Gear = Pilot.Messaging.Events.CarState.GearShifter;

namespace Pilot.Controls.Tests;

/// <summary>The car's state a test drives controlsd with; defaults are a healthy car in drive at 20 m/s, cruise main on.</summary>
public sealed record CarInput
{
    public double VEgo { get; init; } = 20;
    public double AEgo { get; init; }
    public double SteeringAngleDeg { get; init; }
    public bool Standstill { get; init; }
    public bool BrakePressed { get; init; }
    public bool GasPressed { get; init; }
    public bool SteeringPressed { get; init; }
    public bool DoorOpen { get; init; }
    public bool SeatbeltUnlatched { get; init; }
    public bool EspDisabled { get; init; }
    public bool CanValid { get; init; } = true;
    public bool SteerFaultTemporary { get; init; }
    public bool CruiseAvailable { get; init; } = true;
    public bool CruiseEnabled { get; init; }
    public Gear Gear { get; init; } = Gear.Drive;
}

/// <summary>
/// controlsd on a <see cref="StepTransport"/> with simulated time: every 10 ms the bench publishes the inputs at their
/// real rates (carState 100 Hz; modelV2, radarState and longitudinalPlan 20 Hz; bridgeState 10 Hz; managerState and
/// deviceState 2 Hz), steps the daemon once, and keeps what it published.
/// </summary>
public sealed class ControlsBench : IDisposable
{
    public const long PeriodNs = 10_000_000;
    private readonly StepTransport _bus = new();
    private readonly PubMaster _pub;
    private readonly MessageBuilder _message = new();
    private long _nowNs = 1_000_000_000;
    private long _step;
    private ButtonType? _press;

    public ControlsBench(ControlsdOptions? options = null)
    {
        Daemon = new Controlsd(_bus, options ?? new ControlsdOptions());
        _pub = new PubMaster(["carState", "modelV2", "longitudinalPlan", "radarState", "carParams", "bridgeState", "managerState", "deviceState"], _bus);
    }

    public Controlsd Daemon { get; }
    public CarInput Car { get; set; } = new();
    public bool SendCarParams { get; set; } = true;
    public bool SendModel { get; set; } = true;
    public bool SendManager { get; set; } = true;
    /// <summary>Path y (left) at a distance x ahead, m.</summary>
    public Func<double, double> PathY { get; set; } = _ => 0;
    public float FrameDropPercent { get; set; }
    public double ATarget { get; set; }
    public bool ShouldStop { get; set; }
    public bool ControlsAllowed { get; set; } = true;
    public string? DeadProcess { get; set; }
    public float LatAccelFactor { get; set; } = 2.5f;
    public float MinEnableSpeed { get; set; } = -1;
    public bool PilotLongitudinal { get; set; } = true;
    public bool RadarError { get; set; }
    public bool Fcw { get; set; }            // longitudinalPlan.fcw: the planner warns
    public bool LeadMayWarn { get; set; }    // radarState.leadOne.fcw: radard's lead is sure enough to be warned of
    public bool PlanValid { get; set; } = true;
    public DeviceState.ThermalStatus Thermal { get; set; } = DeviceState.ThermalStatus.Green;

    public CarControl.Reader CarControl { get; private set; }
    public ControlsState.Reader ControlsState { get; private set; }
    public SelfdriveState.Reader SelfdriveState { get; private set; }
    public bool Valid { get; private set; }

    public SelfdriveState.State State => SelfdriveState.State;
    public double Seconds => _step / 100.0;

    /// <summary>Presses a cruise button in the next step's carState.</summary>
    public void Press(ButtonType button) => _press = button;

    /// <summary>Runs <paramref name="steps"/> control steps (10 ms each).</summary>
    public void Run(int steps)
    {
        for (int i = 0; i < steps; i++) Step();
    }

    public void Step()
    {
        _nowNs += PeriodNs;
        _bus.AdvanceTo(_nowNs);
        if (SendCarParams && _step % 500 == 0) SendParams();
        SendCar();
        if (_step % 5 == 0)
        {
            if (SendModel) SendModelV2();
            SendRadar();
            SendPlan();
        }
        if (_step % 10 == 0) SendBridge();
        if (_step % 50 == 0 && SendManager) SendManagerAndDevice();
        _bus.Collect();
        Daemon.Inputs.Update(0);
        Daemon.Step();
        foreach (var p in _bus.Collect())
        {
            var ev = new Event.Reader(MessageReader.ReadFramed(p.Message).Root);
            switch (p.Service.Name)
            {
                case "carControl": CarControl = ev.CarControl; Valid = ev.Valid; break;
                case "controlsState": ControlsState = ev.ControlsState; break;
                case "selfdriveState": SelfdriveState = ev.SelfdriveState; break;
            }
        }
        _step++;
    }

    /// <summary>Runs 1 s, long enough for every input's rate to be judged, then presses SET.</summary>
    public void PressSetAfterWarmUp()
    {
        Run(100);
        Press(ButtonType.DecelCruise);
        Step();
    }

    /// <summary><see cref="PressSetAfterWarmUp"/>, which must engage.</summary>
    public void Engage()
    {
        PressSetAfterWarmUp();
        Assert.Equal(Pilot.Messaging.Events.SelfdriveState.State.Enabled, State);
    }

    private Event.Builder Root()
    {
        _message.Reset();
        return new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
    }

    private void SendParams()
    {
        var cp = Root().InitCarParams();
        cp.SetBrand("honda");
        cp.SetMass(1326 + 136);
        cp.SetWheelbase(2.70f);
        cp.SetCenterToFront(2.70f * 0.4f);
        cp.SetSteerRatio(15.38f);
        cp.SetTireStiffnessFront(192150);
        cp.SetTireStiffnessRear(202500);
        cp.SetSteerActuatorDelay(0.1f);
        cp.SetSteerLimitTimer(0.8f);
        cp.SetMinEnableSpeed(MinEnableSpeed);
        cp.SetPilotLongitudinalControl(PilotLongitudinal);
        var lat = cp.InitLateralTuning();
        lat.SetLatAccelFactor(LatAccelFactor);
        lat.SetFriction(0.1f);
        lat.SetKp(1.0f);
        lat.SetKi(0.1f);
        _pub.Send("carParams", _message);
    }

    private void SendCar()
    {
        // A car Pilot drives longitudinally keeps its cruise on as the actuator (Honda Nidec's PCM): it engages on SET or
        // RESUME with main on, as the car's ECU does, and controlsd actuates only then.
        if (PilotLongitudinal && _press is ButtonType.DecelCruise or ButtonType.AccelCruise or ButtonType.ResumeCruise && Car.CruiseAvailable)
            Car = Car with { CruiseEnabled = true };
        var c = Car;
        var cs = Root().InitCarState();
        cs.SetVEgo((float)c.VEgo);
        cs.SetAEgo((float)c.AEgo);
        cs.SetSteeringAngleDeg((float)c.SteeringAngleDeg);
        cs.SetStandstill(c.Standstill);
        cs.SetBrakePressed(c.BrakePressed);
        cs.SetGasPressed(c.GasPressed);
        cs.SetSteeringPressed(c.SteeringPressed);
        cs.SetDoorOpen(c.DoorOpen);
        cs.SetSeatbeltUnlatched(c.SeatbeltUnlatched);
        cs.SetEspDisabled(c.EspDisabled);
        cs.SetCanValid(c.CanValid);
        cs.SetSteerFaultTemporary(c.SteerFaultTemporary);
        cs.SetGearShifter(c.Gear);
        var cruise = cs.InitCruiseState();
        cruise.SetAvailable(c.CruiseAvailable);
        cruise.SetEnabled(c.CruiseEnabled);
        cruise.SetSpeed(25);
        if (_press is { } press)
        {
            var b = cs.InitButtonEvents(1)[0];
            b.SetPressed(true);
            b.SetType(press);
            _press = null;
        }
        _pub.Send("carState", _message);
    }

    private void SendModelV2()
    {
        var m = Root().InitModelV2();
        m.SetFrameDropPerc(FrameDropPercent);
        var pos = m.InitPosition();
        const int n = 33;
        var x = pos.InitX(n);
        var y = pos.InitY(n);
        var t = pos.InitT(n);
        for (int i = 0; i < n; i++)
        {
            double ti = 10.0 * (i / 32.0) * (i / 32.0);   // the model's time grid
            double xi = Car.VEgo * ti;
            t[i] = (float)ti;
            x[i] = (float)xi;
            y[i] = (float)PathY(xi);
        }
        _pub.Send("modelV2", _message);
    }

    private void SendRadar()
    {
        var radar = Root().InitRadarState();
        radar.InitLeadOne().SetFcw(LeadMayWarn);
        if (RadarError) radar.InitRadarErrors(1)[0] = RadarState.Error.Fault;
        _pub.Send("radarState", _message);
    }

    private void SendPlan()
    {
        var plan = Root().InitLongitudinalPlan();
        plan.SetATarget((float)ATarget);
        plan.SetShouldStop(ShouldStop);
        plan.SetFcw(Fcw);
        var speeds = plan.InitSpeeds(17);
        for (int i = 0; i < 17; i++) speeds[i] = (float)Math.Max(0, Car.VEgo + ATarget * i * 2.5 / 16);
        _pub.Send("longitudinalPlan", _message, PlanValid);
    }

    private void SendBridge()
    {
        Root().InitBridgeState().SetControlsAllowed(ControlsAllowed);
        _pub.Send("bridgeState", _message);
    }

    private void SendManagerAndDevice()
    {
        var ms = Root().InitManagerState();
        var procs = ms.InitProcesses(2);
        procs[0].SetName("modeld");
        procs[0].SetShouldBeRunning(true);
        procs[0].SetRunning(DeadProcess != "modeld");
        procs[1].SetName("plannerd");
        procs[1].SetShouldBeRunning(true);
        procs[1].SetRunning(DeadProcess != "plannerd");
        _pub.Send("managerState", _message, valid: DeadProcess is null);   // as the manager flags a table not all running
        Root().InitDeviceState().SetThermalStatus(Thermal);
        _pub.Send("deviceState", _message);
    }

    public void Dispose() => Daemon.Dispose();
}
