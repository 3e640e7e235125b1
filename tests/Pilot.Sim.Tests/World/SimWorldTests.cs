using Pilot.Can.Packing;
using CanFrame = Pilot.Can.Packing.CanFrame;
using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Sim.Car;
using Pilot.Sim.Road;
using Pilot.Sim.Scenarios;
using Pilot.Sim.Vehicle;
using Pilot.Sim.World;

namespace Pilot.Sim.Tests.World;

public class SimWorldTests
{
    private const double Dt = 0.01;

    private static SimWorld Run(string scenario, double seconds, string car = CarCans.Sim)
    {
        var w = new SimWorld(ScenarioRegistry.Get(scenario), CarCans.Create(car));
        for (int i = 0; i < (int)Math.Round(seconds / Dt); i++) w.Step(Dt);
        return w;
    }

    [Fact]
    public void TheDriverEngagesAndDialsTheSetSpeedWithTheButtons()
    {
        var scenario = ScenarioRegistry.Get("brake-disengage") with { EgoSpeedMps = 20, SetSpeedMps = 22, Driver = [] };
        var w = new SimWorld(scenario, CarCans.Create(CarCans.Sim));
        for (int i = 0; i < 150; i++) w.Step(Dt);
        Assert.True(w.Cruise.MainOn && w.Cruise.Engaged);
        Assert.InRange(w.Cruise.SetSpeedMps, 19.5, 20);                      // SET took the (coasting) speed, in km/h steps
        for (int i = 150; i < 1200; i++) w.Step(Dt);
        Assert.Equal(22, w.Cruise.SetSpeedMps, 0.5 / 3.6);                   // nudged up in 1 km/h steps
        Assert.True(w.Cruise.Engaged);
    }

    [Fact]
    public void TheBrakePedalDisengagesAtOnceAndIsGroundTruth()
    {
        var w = Run("brake-disengage", 10.05);
        Assert.False(w.Cruise.Engaged);
        Assert.True(w.Cruise.MainOn);
        Assert.Equal(0.3, w.State.DriverBrake);
        Assert.True(w.Car.BrakePressed);
    }

    [Fact]
    public void AnUncontrolledCarHitsTheStoppedCarAndTheCollisionStaysSet()
    {
        var w = new SimWorld(ScenarioRegistry.Get("stopped-car"), CarCans.Create(CarCans.Sim));
        Assert.True(w.State.LeadPresent);
        Assert.Equal(200, w.State.LeadGap, 1e-9);
        Assert.Equal(0, w.State.LeadSpeed);
        while (!w.State.Collision && w.Time < 20) w.Step(Dt);
        Assert.True(w.State.Collision, "coasting at 25 m/s reaches a car 200 m ahead");
        Assert.InRange(w.State.LeadGap, -0.5, 0);
        for (int i = 0; i < 300; i++) w.Step(Dt);
        Assert.True(w.State.Collision);
    }

    [Fact]
    public void AnUnsteeredCarDriftsOutOfALeftCurveToTheRightAndOffTheLane()
    {
        var w = Run("curves", 12);
        Assert.True(w.State.RoadCurvature > 0);
        Assert.True(w.State.LaneOffset < 0, $"offset {w.State.LaneOffset}");
        Assert.True(w.State.HeadingError < 0);
        Assert.True(w.State.OffRoad);
    }

    [Fact]
    public void ALaneKeepingLoopThroughTheSimCarsCanStaysInTheLane()
    {
        // A pure-pursuit steering loop on ground truth, through SIM_STEER_COMMAND frames: the CAN path, the EPS
        // and the vehicle model together follow 250 m curves.
        var w = new SimWorld(ScenarioRegistry.Get("curves"), CarCans.Create(CarCans.Sim));
        var packer = new CanPacker(DbcFiles.Load(DbcFiles.SimCar));
        const double preview = 25;   // m
        double worst = 0;
        var sink = new List<CanFrame>();
        for (int i = 0; i < 4000; i++)
        {
            var s = w.State;
            double curvature = s.RoadCurvature + 2 * (-s.LaneOffset - s.HeadingError * preview) / (preview * preview);
            double torque = s.VEgo * s.VEgo * curvature / SteeringActuator.FullTorqueLatAccel;
            w.DeliverFromHost([packer.Pack("SIM_STEER_COMMAND", new Dictionary<string, double> { ["STEER_TORQUE"] = torque, ["STEER_REQUEST"] = 1 }),
                packer.Pack("SIM_ACCEL_COMMAND", new Dictionary<string, double> { ["ACCEL"] = 0.3 * (25 - s.VEgo), ["ACCEL_ACTIVE"] = 1 })]);
            w.Step(Dt);
            w.CollectToHost(sink);
            sink.Clear();
            worst = Math.Max(worst, Math.Abs(w.State.LaneOffset));
        }
        Assert.False(w.State.OffRoad);
        Assert.InRange(worst, 0, 0.3);
        Assert.Equal(25, w.State.VEgo, 0.2);
        Assert.InRange(w.State.Odometer, 40 * 24.5, 40 * 25.5);
    }

    [Fact]
    public void ACutInBecomesTheLeadAndTheRadarSeesItMoveAcross()
    {
        var w = Run("cut-in", 11);
        Assert.False(w.State.LeadPresent);
        Assert.Equal(RoadLayout.DefaultLaneWidthM, w.State.Vehicles[0].Lateral, 1e-9);
        Assert.Equal(RoadLayout.DefaultLaneWidthM, w.Car.RadarTargets[0].YRel, 0.2);
        for (int i = 0; i < 300; i++) w.Step(Dt);                             // 14 s: 2 m across at 1 m/s
        Assert.True(w.State.LeadPresent);
        Assert.Equal(RoadLayout.DefaultLaneWidthM - 2, w.State.LeadLateral, 0.02);
        Assert.Equal(-1, w.State.Vehicles[0].LateralSpeed, 1e-9);
    }

    [Fact]
    public void TheSimulatorStateEventCarriesTheGroundTruth()
    {
        var w = Run("lead-brake", 22);
        var message = new MessageBuilder();
        SimStateEvent.Write(w.State, message);
        var e = new Event.Reader(message.AsReader().Root).SimulatorState;
        Assert.Equal("lead-brake", e.Scenario);
        Assert.Equal(22, e.Time, 1e-9);
        Assert.Equal((float)w.State.VEgo, e.VEgo);
        Assert.Equal((float)w.State.LeadGap, e.LeadGap);
        Assert.Equal(-3, e.LeadAccel, 1e-4);
        Assert.True(e.LeadPresent);
        Assert.Equal(1, e.Vehicles.Count);
        Assert.Equal((float)w.State.Vehicles[0].Gap, e.Vehicles[0].Gap);
        Assert.Equal((float)w.State.Odometer, (float)e.Odometer);
    }

    [Fact]
    public void TheSceneMirrorsLateralQuantitiesIntoTheRenderersRightPositiveFrame()
    {
        var w = Run("cut-in", 5);
        var state = w.State;
        state.LaneOffset = 0.4;      // as if the ego were 0.4 m left of the lane centre on a left curve
        state.HeadingError = 0.01;
        state.RoadCurvature = 0.002;
        var scene = SimScene.FromState(state);
        Assert.Equal(-0.4, scene.EgoOffset);
        Assert.Equal(0.01, scene.HeadingError);
        Assert.Equal(-0.002, scene.Curvature);
        Assert.Equal(3, scene.LaneCount);
        Assert.Equal(1, scene.EgoLane);
        Assert.Equal(4, scene.Lines.Length);
        Assert.Equal(state.Vehicles[0].Gap + SimScene.CameraBehindBumperM, scene.Vehicles[0].Distance, 1e-9);
        Assert.Equal(-RoadLayout.DefaultLaneWidthM, scene.Vehicles[0].Lateral, 1e-9);   // left lane = negative right
        // The lane centre 10 m ahead, right-positive: 0.4 m to the right, 0.1 m more for the heading, 0.1 m back left for the curve.
        Assert.Equal(0.4 + 0.01 * 10 - 0.002 * 100 / 2, scene.CenterAt(10), 1e-12);

        var message = new MessageBuilder();
        SimStateEvent.Write(state, message);
        var fromEvent = SimScene.FromState(new Event.Reader(message.AsReader().Root).SimulatorState);
        Assert.Equal(scene.EgoOffset, fromEvent.EgoOffset, 1e-6);
        Assert.Equal(scene.Curvature, fromEvent.Curvature, 1e-6);
        Assert.Equal(scene.Vehicles[0].Distance, fromEvent.Vehicles[0].Distance, 1e-4);
    }
}
