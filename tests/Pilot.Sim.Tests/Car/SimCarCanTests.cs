using Pilot.Can.Packing;
using Pilot.Sim.Car;
using Pilot.Sim.Car.SimCar;
using Pilot.Sim.Vehicle;

namespace Pilot.Sim.Tests.Car;

public class SimCarCanTests
{
    [Fact]
    public void TheSimCarDbcCarriesHondaChecksumsAndEveryMessageDecodesToTheSimulatedValues()
    {
        var h = new CarHarness("lead-brake", CarCans.Sim);
        Assert.Equal(Pilot.Can.Checksums.ChecksumAlgorithm.Honda, h.Packer.Profile.Algorithm);
        var parser = new CanParser(h.Database, [("SIM_MOTION", null), ("SIM_STEERING", null), ("SIM_PEDALS", null), ("SIM_CRUISE", null)], SimCarCan.Bus);
        var radar = new CanParser(h.Database, [("SIM_TRACK_0", null), ("SIM_TRACK_1", null)], SimCarCan.RadarBus);
        var batch = new List<CanFrame>();
        for (int i = 0; i < 200; i++)
        {
            h.World.Step(CarHarness.Dt);
            batch.Clear();
            h.World.CollectToHost(batch);
            parser.Update(h.World.TimeNs, batch);
            radar.Update(h.World.TimeNs, batch);
        }
        Assert.True(parser.CanValid && radar.CanValid);
        var w = h.World;
        Assert.Equal(w.Ego.Speed, parser["SIM_MOTION"]["V_EGO"], 0.01);
        Assert.Equal(3, parser["SIM_MOTION"]["GEAR"]);
        Assert.Equal(w.State.SteeringAngleDeg, parser["SIM_STEERING"]["STEER_ANGLE"], 0.02);
        Assert.Equal(1, parser["SIM_CRUISE"]["MAIN_ON"]);
        Assert.Equal(1, parser["SIM_CRUISE"]["CRUISE_ENGAGED"]);
        Assert.Equal(w.Cruise.SetSpeedMps, parser["SIM_CRUISE"]["SET_SPEED"], 0.01);
        Assert.Equal(1, radar["SIM_TRACK_0"]["VALID"]);
        Assert.Equal(w.State.LeadGap, radar["SIM_TRACK_0"]["D_REL"], 0.5);   // tracks are 50 ms old at most
        Assert.Equal(w.State.LeadSpeed - w.Ego.Speed, radar["SIM_TRACK_0"]["V_REL"], 0.05);   // the coasting ego falls back
        Assert.Equal(0, radar["SIM_TRACK_1"]["VALID"]);
    }

    [Fact]
    public void SteerAndAccelCommandsActOnlyWithTheirActiveBits()
    {
        var h = new CarHarness("brake-disengage", CarCans.Sim);
        h.Run(1.0, p => [Steer(p, 0.25, request: false), Accel(p, -2, active: false)]);
        Assert.Equal(0, h.World.State.SteeringAngleDeg);
        Assert.InRange(h.World.State.AEgo, -0.5, -0.3);                              // coasting
        h.Run(1.0, p => [Steer(p, 0.25, request: true), Accel(p, -2, active: true)]);
        double expected = new SteeringActuator(h.World.Ego.Params).BalanceAngle(0.25, 0, h.World.Ego.Speed) * 180 / Math.PI;
        Assert.Equal(expected, h.World.State.SteeringAngleDeg, Math.Abs(expected) * 0.02);
        Assert.Equal(-2, h.World.State.AEgo, 0.05);
    }

    [Fact]
    public void ACancelRequestDisengagesTheCarsCruise()
    {
        var h = new CarHarness("brake-disengage", CarCans.Sim);
        h.Run(1.5);
        Assert.True(h.World.Cruise.Engaged);
        h.Run(0.1, p => [p.Pack("SIM_ACCEL_COMMAND", new Dictionary<string, double> { ["CANCEL"] = 1 })]);
        Assert.False(h.World.Cruise.Engaged);
        Assert.True(h.World.Cruise.MainOn);
    }

    private static CanFrame Steer(CanPacker p, double torque, bool request) =>
        p.Pack("SIM_STEER_COMMAND", new Dictionary<string, double> { ["STEER_TORQUE"] = torque, ["STEER_REQUEST"] = request ? 1 : 0 });

    private static CanFrame Accel(CanPacker p, double accel, bool active) =>
        p.Pack("SIM_ACCEL_COMMAND", new Dictionary<string, double> { ["ACCEL"] = accel, ["ACCEL_ACTIVE"] = active ? 1 : 0 });
}
