using Pilot.Camerad;
using Pilot.Camerad.Sources;
using Pilot.Capnp;
using Pilot.Car.Daemon;
using Pilot.Controls.Daemon;
using Pilot.Manager.Drive;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Modeld;
using Pilot.Planning.Daemons;
using Pilot.Daemons;
using Pilot.Testing;
using Pilot.Sim.Car;
using Pilot.Sim.Scenarios;
using Pilot.Sim.World;
using Pilot.Vision.Camera.Geometry;

namespace Pilot.ClosedLoop.Tests;

/// <summary>One sample of the simulated world's ground truth and the engagement state, every 10 ms.</summary>
internal readonly record struct Sample(double Time, double LaneOffset, double VEgo, double AEgo, bool LeadPresent, double LeadGap,
    double LeadSpeed, double DriverBrake, bool Enabled, SelfdriveState.State State, bool Collision, bool OffRoad, bool Emergency);

/// <summary>
/// A whole drive in one process on simulated time: the simulated car and its CAN device (<see cref="DeviceInTheLoop"/>),
/// card, controlsd, camerad rendering the simulator's world, modeld running the shipped driving network, radard and
/// plannerd, all on one <see cref="StepTransport"/> and stepped by a <see cref="StepScheduler"/>. The daemons are the
/// same classes the processes run; only the transport and the clock differ.
/// </summary>
internal sealed class ClosedLoop : IDisposable
{
    private readonly List<IDaemon> _daemons = [];
    private readonly PubMaster _simulatorPub;
    private readonly MessageBuilder _simulatorMessage = new();
    private SelfdriveState.State _state;
    private bool _enabled;

    public ClosedLoop(string scenario, string car = CarCans.HondaCivic)
    {
        Bus = new StepTransport();
        World = new SimWorld(ScenarioRegistry.Get(scenario), CarCans.Create(car));
        Scheduler = new StepScheduler(Bus);
        Device = new DeviceInTheLoop(World, Bus);
        _simulatorPub = new PubMaster([SimStateEvent.Service], Bus);
        Scheduler.AddTimed("simulator", 100, now =>
        {
            Device.Step(now);
            World.Publish(_simulatorPub, _simulatorMessage);
        });

        // Frames travel through a real shared-memory pool; its descriptors on in-process sockets private to this loop.
        var vision = new Bus(Transport.Inproc, 0, $"loop{Guid.NewGuid():N}");
        var camera = ModelView.Default.Camera;   // the simulated camera is the model's own view: the warp is the identity
        Add(new CardDaemon(Bus, new CardOptions()));
        Add(new Controlsd(Bus, new ControlsdOptions()));
        Add(new Pilot.Camerad.Camerad(Bus, new CameradOptions
        {
            Source = () => new SimulatorSource(camera, RoadCalibration.Level(), state => SimScene.FromState(state), 20),
            VisionBus = vision,
        }));
        Add(new Pilot.Modeld.Modeld(Bus, new ModeldOptions { Weights = Weights, Camera = (_, _) => camera, VisionBus = vision }));
        Add(new Radard(Bus, new RadardOptions()));
        Add(new Plannerd(Bus, new PlannerdOptions()));
        Scheduler.AddTimed("recorder", 100, Record);
    }

    /// <summary>The shipped driving network.</summary>
    public static string Weights => Path.Combine(TestData.RepoRoot, "models", "lanes.ckpt");

    public StepTransport Bus { get; }
    public StepScheduler Scheduler { get; }
    public SimWorld World { get; }
    public DeviceInTheLoop Device { get; }
    public DriveSummary Summary { get; } = new();
    public List<Sample> Samples { get; } = [];

    /// <summary>The longitudinal chain's signals, stage by stage, every 10 ms.</summary>
    public ChainTrace Chain { get; } = new();

    /// <summary>Every alert controlsd raised, in order, with the simulated time it first appeared: its type and texts.</summary>
    public List<(double Time, string Alert, string Text)> Alerts { get; } = [];

    public double Time => World.Time;

    public void RunFor(double seconds) => Scheduler.RunFor(seconds);

    public void RunToEnd() => Scheduler.RunFor(World.Scenario.DurationS - World.Time);

    /// <summary>Stops a daemon as a crashed process would stop: it no longer steps or publishes.</summary>
    public void Kill(string name) => Assert.True(Scheduler.Remove(name), $"no daemon called {name}");

    private void Add(IDaemon daemon)
    {
        _daemons.Add(daemon);
        Scheduler.Add(daemon);
    }

    private void Record(long nowNs)
    {
        foreach (var published in Bus.Collect())
        {
            var ev = new Event.Reader(MessageReader.ReadFramed(published.Message).Root);
            Summary.Add(ev);
            Chain.Take(ev);
            if (ev.Which != Event.Which.SelfdriveState) continue;
            var sd = ev.SelfdriveState;
            _state = sd.State;
            _enabled = sd.Enabled;
            string alert = sd.AlertType;
            if (alert.Length > 0 && (Alerts.Count == 0 || Alerts[^1].Alert != alert)) Alerts.Add((World.Time, alert, $"{sd.AlertText1} / {sd.AlertText2}"));
        }
        var s = World.State;
        Chain.Sample(World);
        Samples.Add(new Sample(s.Time, s.LaneOffset, s.VEgo, s.AEgo, s.LeadPresent, s.LeadGap, s.LeadSpeed, s.DriverBrake, _enabled, _state, s.Collision, s.OffRoad, Chain.Emergency));
    }

    public void Dispose()
    {
        foreach (var d in _daemons) d.Dispose();
        Device.Dispose();
        _simulatorPub.Dispose();
    }
}
