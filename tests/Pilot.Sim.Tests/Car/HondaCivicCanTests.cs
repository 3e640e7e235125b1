using Pilot.Can.Packing;
using Pilot.Sim.Car;
using Pilot.Sim.Car.Honda;
using Pilot.Sim.Vehicle;

namespace Pilot.Sim.Tests.Car;

public class HondaCivicCanTests
{
    private static readonly string[] CarState =
    [
        "ENGINE_DATA", "WHEEL_SPEEDS", "STEERING_SENSORS", "STEER_STATUS", "STEER_MOTOR_TORQUE", "POWERTRAIN_DATA", "VSA_STATUS",
        "GEARBOX_CVT", "SCM_FEEDBACK", "SCM_BUTTONS", "SEATBELT_STATUS", "DOORS_STATUS", "STANDSTILL", "EPB_STATUS", "CRUISE",
        "CRUISE_PARAMS", "CAR_SPEED",
    ];

    [Fact]
    public void FramesDecodeThroughTheDbcToTheSimulatedValuesWithValidChecksumsCountersAndRates()
    {
        var h = new CarHarness("brake-disengage", CarCans.HondaCivic);
        // Parse the traffic step by step, as a car port would, with the rates it checks from openpilot's carstate.
        var parser = new CanParser(h.Database, CarState.Select(n => (n, (double?)null)), HondaCivicCan.PowertrainBus);
        var batch = new List<CanFrame>();
        var lastSecond = new List<CanFrame>();
        for (int i = 0; i < 300; i++)
        {
            h.World.Step(CarHarness.Dt);
            batch.Clear();
            h.World.CollectToHost(batch);
            parser.Update(h.World.TimeNs, batch);
            if (i >= 200) lastSecond.AddRange(batch.Where(f => f.Bus == HondaCivicCan.PowertrainBus));
        }
        Assert.True(parser.CanValid);
        foreach (var m in parser.Messages) Assert.Equal(0, m.ChecksumFailures);
        foreach (var m in parser.Messages) Assert.True(m.CounterErrors == 0, $"{m.Message.Name}: {m.CounterErrors} counter errors");

        var world = h.World;
        Assert.Equal(world.Ego.Speed * 3.6, parser["ENGINE_DATA"]["XMISSION_SPEED"], 0.01);
        Assert.Equal(world.Ego.Speed * 3.6, parser["WHEEL_SPEEDS"]["WHEEL_SPEED_RR"], 0.01);
        Assert.Equal(world.Ego.Speed * 3.6, parser["CAR_SPEED"]["CAR_SPEED"], 0.5);
        Assert.Equal(world.State.SteeringAngleDeg, parser["STEERING_SENSORS"]["STEER_ANGLE"], 0.1);
        Assert.Equal(4, parser["GEARBOX_CVT"]["GEAR_SHIFTER"]);
        Assert.Equal(1, parser["SCM_FEEDBACK"]["MAIN_ON"]);
        Assert.Equal(1, parser["POWERTRAIN_DATA"]["ACC_STATUS"]);                       // the driver engaged at 1 s
        Assert.Equal(Math.Round(world.Cruise.SetSpeedMps * 3.6), parser["CRUISE"]["CRUISE_SPEED_PCM"]);
        Assert.Equal(1, parser["SEATBELT_STATUS"]["SEATBELT_DRIVER_LATCHED"]);
        Assert.Equal(0, parser["POWERTRAIN_DATA"]["BRAKE_PRESSED"]);

        // Rates: a second of traffic carries each message as often as the car sends it.
        var counts = lastSecond.GroupBy(f => h.Database.GetMessage(f.Address).Name).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(100, counts["ENGINE_DATA"]);
        Assert.Equal(50, counts["WHEEL_SPEEDS"]);
        Assert.Equal(25, counts["SCM_BUTTONS"]);
        Assert.Equal(10, counts["CAR_SPEED"]);
        Assert.InRange(counts["DOORS_STATUS"], 3, 4);
    }

    [Fact]
    public void DriverButtonsAndBrakeGoOutOnTheBus()
    {
        var h = new CarHarness("brake-disengage", CarCans.HondaCivic);
        var pt = h.Database;
        h.Run(1.1);
        var buttons = h.Received.Where(f => f.Address == pt.GetMessage("SCM_BUTTONS").FrameId)
            .Select(f => Decode(pt, f, "CRUISE_BUTTONS")).ToList();
        Assert.Contains((double)(int)Driver.CruiseButton.Main, buttons);
        Assert.Contains((double)(int)Driver.CruiseButton.DecelSet, buttons);
        h.Received.Clear();
        h.Run(9.2);                                                                    // the script brakes at 10 s
        var brake = h.Received.Where(f => f.Address == pt.GetMessage("POWERTRAIN_DATA").FrameId).Select(f => Decode(pt, f, "BRAKE_PRESSED")).ToList();
        Assert.Equal(1, brake[^1]);
        Assert.False(h.World.Cruise.Engaged);                                            // the brake disengaged cruise
    }

    [Fact]
    public void ACommandedSteeringControlTurnsTheWheelLeftForNegativeTorque()
    {
        var h = new CarHarness("brake-disengage", CarCans.HondaCivic);
        // openpilot's Honda controller negates its left-positive request: −1920 is half authority to the left.
        h.Run(1.0, p => [Steer(p, -1920)]);
        double expected = new SteeringActuator(h.World.Ego.Params).BalanceAngle(0.5, 0, h.World.Ego.Speed) * 180 / Math.PI;
        Assert.Equal(expected, h.World.State.SteeringAngleDeg, Math.Abs(expected) * 0.01);
        Assert.True(h.World.State.SteeringAngleDeg > 0);
        Assert.True(h.World.Car.SteerActive);
        var status = h.Received.Last(f => f.Address == h.Database.GetMessage("STEER_STATUS").FrameId);
        Assert.Equal(1, Decode(h.Database, status, "STEER_CONTROL_ACTIVE"));
    }

    [Fact]
    public void FramesWithABadChecksumOrARepeatedCounterAreIgnored()
    {
        var h = new CarHarness("brake-disengage", CarCans.HondaCivic);
        h.Run(1.0, p =>
        {
            var f = Steer(p, -1920);
            f.Data[^1] ^= 0x01;                                     // the checksum nibble no longer matches
            return [f];
        });
        Assert.Equal(0, h.World.State.SteeringAngleDeg);
        var can = (HondaCivicCan)h.World.Can;
        Assert.Equal(100, can.Commands.ChecksumFailures);

        var replay = Steer(h.Packer, -1920);
        h.Run(1.0, _ => [replay]);                                  // one genuine frame, then the same counter again and again
        Assert.Equal(99, can.Commands.RepeatedCounters);
        Assert.Equal(0, h.World.Car.EpsTorque);                     // in force for its 0.1 s timeout only
    }

    [Fact]
    public void SteeringRequestsWithoutTheRequestBitOrBelowTheLockoutSpeedAreNotApplied()
    {
        var h = new CarHarness("brake-disengage", CarCans.HondaCivic);
        h.Run(0.5, p => [p.Pack("STEERING_CONTROL", new Dictionary<string, double> { ["STEER_TORQUE"] = -1920, ["STEER_TORQUE_REQUEST"] = 0 })]);
        Assert.Equal(0, h.World.State.SteeringAngleDeg);
        var stopped = new CarHarness("stopped-car", CarCans.HondaCivic);
        stopped.World.DeliverFromHost([Steer(stopped.Packer, -1920)]);
        Assert.False(stopped.World.Can.Actuation(0, new CarSnapshot { SpeedMps = 3 }).SteerRequested);
        Assert.True(stopped.World.Can.Actuation(0, new CarSnapshot { SpeedMps = 6 }).SteerRequested);
    }

    [Fact]
    public void BrakeCommandDeceleratesAndAccHudGasAcceleratesWhileEngaged()
    {
        var h = new CarHarness("brake-disengage", CarCans.HondaCivic);
        h.Run(1.5);
        Assert.True(h.World.Cruise.Engaged);
        double v0 = h.World.Ego.Speed;
        // COMPUTER_BRAKE 128 of 256 is half of the 4.8 m/s² brake scale, on top of the road load.
        h.Run(2.0, p => [p.Pack("BRAKE_COMMAND", new Dictionary<string, double> { ["COMPUTER_BRAKE"] = 128, ["COMPUTER_BRAKE_REQUEST"] = 1 })]);
        double load = h.World.Ego.Longitudinal.RoadLoad(h.World.Ego.Speed) / h.World.Ego.Params.MassKg;
        Assert.Equal(-2.4 - load, h.World.State.AEgo, 0.02);
        Assert.True(h.World.Car.ComputerBraking);
        double v1 = h.World.Ego.Speed;
        Assert.InRange(v0 - v1, 4.0, 5.6);
        h.Run(2.0, p => [p.Pack("ACC_HUD", new Dictionary<string, double> { ["PCM_SPEED"] = (v1 + 5) * 3.6, ["PCM_GAS"] = 99 })]);
        // Half gas at ~25 m/s buys half of openpilot's calibrated 0.6 × 1.44 m/s².
        Assert.Equal(0.5 * 1.44 * 0.6, h.World.State.AEgo, 0.03);
    }

    [Fact]
    public void RadarTracksReportTheLeadOnTheRadarBus()
    {
        var h = new CarHarness("lead-brake", CarCans.HondaCivic);
        h.Run(0.5);
        var radar = DbcFiles.Load(DbcFiles.HondaNidecRadar);
        var track0 = h.Received.Last(f => f.Bus == HondaCivicCan.RadarBus && f.Address == radar.GetMessage("TRACK_0").FrameId);
        Assert.Equal(h.World.State.LeadGap, Decode(radar, track0, "LONG_DIST"), 0.1);
        Assert.Equal(0, Decode(radar, track0, "LAT_DIST"), 0.1);
        var firstTrack0 = h.Received.First(f => f.Bus == HondaCivicCan.RadarBus && f.Address == track0.Address);
        Assert.Equal(1, Decode(radar, firstTrack0, "NEW_TRACK"));       // the lead's first report in its slot
        Assert.Equal(0, Decode(radar, track0, "NEW_TRACK"));
        var track1 = h.Received.Last(f => f.Bus == HondaCivicCan.RadarBus && f.Address == radar.GetMessage("TRACK_1").FrameId);
        Assert.True(Decode(radar, track1, "LONG_DIST") >= 255, "an empty track reads as out of range");
        var diag = h.Received.Last(f => f.Bus == HondaCivicCan.RadarBus && f.Address == radar.GetMessage("RADAR_DIAGNOSTIC").FrameId);
        Assert.Equal(HondaCivicCan.RadarStateOk, Decode(radar, diag, "RADAR_STATE"));
        // Sixteen tracks and the diagnostic word at 20 Hz: at the start and then ten times in 0.5 s.
        Assert.Equal((HondaCivicCan.RadarTracks + 1) * 11, h.Received.Count(f => f.Bus == HondaCivicCan.RadarBus));
    }

    [Fact]
    public void TheCvtCreepsInDriveAndOpenpilotsCreepBrakeHoldsItAtStandstill()
    {
        var scenario = Pilot.Sim.Scenarios.ScenarioRegistry.Get("stopped-car") with { EgoSpeedMps = 0, Driver = [] };
        var world = new Pilot.Sim.World.SimWorld(scenario, CarCans.Create(CarCans.HondaCivic));
        var packer = new CanPacker(DbcFiles.Load(DbcFiles.HondaCivic));
        // openpilot's Nidec controller at standstill: brake 0.15 of 256 to cancel the creep.
        for (int i = 0; i < 300; i++)
        {
            world.DeliverFromHost([packer.Pack("BRAKE_COMMAND", new Dictionary<string, double> { ["COMPUTER_BRAKE"] = 0.15 * 256, ["COMPUTER_BRAKE_REQUEST"] = 1 })]);
            world.Step(0.01);
        }
        Assert.Equal(0, world.Ego.Speed);
        for (int i = 0; i < 1500; i++) world.Step(0.01);                     // brakes released: it creeps
        Assert.InRange(world.Ego.Speed, 1.5, HondaCivicCan.CreepSpeedMps);
    }

    internal static CanFrame Steer(CanPacker p, double torque) =>
        p.Pack("STEERING_CONTROL", new Dictionary<string, double> { ["STEER_TORQUE"] = torque, ["STEER_TORQUE_REQUEST"] = 1 });

    internal static double Decode(Pilot.Can.Dbc.DbcDatabase db, CanFrame f, string signal)
    {
        var m = db.GetMessage(f.Address);
        var values = new double[m.Signals.Count];
        m.Codec.Decode(f.Data, values);
        return values[m.GetSignal(signal).Index];
    }
}
