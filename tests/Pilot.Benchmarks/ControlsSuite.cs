using Pilot.Capnp;
using Pilot.Controls.Car;
using Pilot.Controls.Daemon;
using Pilot.Controls.Engagement;
using Pilot.Controls.Lateral;
using Pilot.Controls.Longitudinal;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Benchmarks;

/// <summary>
/// ./pilot bench controls: what one 10 ms controlsd step costs: the lateral chain (path → limited curvature → torque),
/// the longitudinal PID, the engagement state machine with its alerts, and a whole daemon step (read inputs, events,
/// controllers, three Events built and published on a StepTransport). Budget: far below the 10 ms period.
/// </summary>
public sealed class ControlsSuite : ISuite
{
    public string Name => "controls";

    private static readonly CarParameters Civic = new(1462, 2.70, 1.08, 15.38, 192150, 202500, 0.1, 0.8, -1, 0, true,
        0.5, 0.5, -2.0, 0.8, new TorqueTuning(2.5, 0, 0.1, 1.0, 0.1), LongitudinalTuning.Default);

    public void Run(Report report, string[] args)
    {
        var path = CurvedPath(out var pathMessage);
        var vm = new VehicleModel(Civic);
        var pc = new PathCurvature(1.0, 5);
        var torque = new TorqueController(100);
        double previous = 0;
        var (ns, bytes) = Measure.PerCall(() =>
        {
            double target = pc.FromPath(path, 25, Civic.SteerActuatorDelayS) ?? 0;
            double desired = CurvatureLimits.Clip(25, previous, target, 0.01, out bool limited);
            previous = desired;
            torque.Update(true, Civic, 25, false, desired, vm.Curvature(0.02, 25), limited);
        });
        report.Add("lateral_step_ns", ns, "ns/step", "pure pursuit on 33 points + limits + torque PID");
        report.Add("lateral_step_alloc", bytes, "B/step");

        var lc = new LongControl(100, 1.0);
        (ns, bytes) = Measure.PerCall(() => lc.Update(true, Civic, 20, 0.3, false, false, 0.5, false));
        report.Add("longitudinal_step_ns", ns, "ns/step");
        report.Add("longitudinal_step_alloc", bytes, "B/step");

        var sm = new StateMachine(100);
        var alerts = new AlertManager(100);
        var events = new EventSet();
        long frame = 0;
        (ns, bytes) = Measure.PerCall(() =>
        {
            frame++;
            events.Clear();
            events.Add(EventName.SteerOverride);
            events.Add(EventName.CommIssue, "modelV2 not alive");
            sm.Update(events.Types | (frame == 1 ? EventTypes.Enable : EventTypes.None));
            alerts.Add(frame, events, sm.AlertTypes);
            alerts.Process(frame, EventTypes.None);
        });
        report.Add("selfdrive_step_ns", ns, "ns/step", "events, state machine, alert manager");
        report.Add("selfdrive_step_alloc", bytes, "B/step");

        var bus = new StepTransport();
        using var daemon = new Controlsd(bus, new ControlsdOptions());
        using var pub = new PubMaster(["carParams", "carState", "modelV2"], bus);
        bus.AdvanceTo(1_000_000_000);
        SendInputs(pub, pathMessage);
        (ns, bytes) = Measure.PerCall(() =>
        {
            daemon.Inputs.Update(0);
            daemon.Step();
            bus.Collect();
        }, inner: 1000);
        report.Add("controlsd_step_ns", ns, "ns/step", "whole step, disabled (inputs unjudged), 3 Events published");
        report.Add("controlsd_step_alloc", bytes, "B/step");
    }

    private static XyztData.Reader CurvedPath(out MessageBuilder message)
    {
        message = new MessageBuilder();
        var ev = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        var p = ev.InitModelV2().InitPosition();
        var x = p.InitX(33);
        var y = p.InitY(33);
        for (int i = 0; i < 33; i++)
        {
            double s = 25 * 10.0 * (i / 32.0) * (i / 32.0);
            x[i] = (float)s;
            y[i] = (float)(s * s / 1000);   // a 500 m curve to the left
        }
        return p.AsReader();
    }

    private static void SendInputs(PubMaster pub, MessageBuilder model)
    {
        var message = new MessageBuilder();
        var cp = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitCarParams();
        cp.SetMass((float)Civic.MassKg);
        cp.SetWheelbase((float)Civic.WheelbaseM);
        cp.SetCenterToFront((float)Civic.CenterToFrontM);
        cp.SetSteerRatio((float)Civic.SteerRatio);
        cp.SetTireStiffnessFront((float)Civic.TireStiffnessFront);
        cp.SetTireStiffnessRear((float)Civic.TireStiffnessRear);
        cp.InitLateralTuning().SetLatAccelFactor(2.5f);
        pub.Send("carParams", message);
        message.Reset();
        var cs = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitCarState();
        cs.SetVEgo(25);
        cs.SetCanValid(true);
        cs.SetGearShifter(CarState.GearShifter.Drive);
        cs.InitCruiseState().SetAvailable(true);
        pub.Send("carState", message);
        pub.Send("modelV2", model);
    }
}
