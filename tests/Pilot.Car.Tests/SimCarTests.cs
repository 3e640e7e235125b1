using Pilot.Can.Checksums;
using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Fingerprinting;
using Pilot.Car.Model;
using Pilot.Car.Ports;
using Pilot.Car.Ports.Sim;

namespace Pilot.Car.Tests;

public sealed class SimCarTests
{
    private const long Cycle = 10_000_000;   // ns
    private static readonly DbcDatabase Dbc = DbcFolder.Default.Load(SimCar.Dbc);
    private readonly CanPacker _packer = new(Dbc);

    private List<CanFrame> Traffic(double speed = 15, double angle = -4.5, double driverTorque = 0.5, int buttons = 0,
        bool engaged = true, (double D, double Y)? target = null)
    {
        var frames = new List<CanFrame>
        {
            _packer.Pack("SIM_MOTION", new Dictionary<string, double> { ["V_EGO"] = speed, ["YAW_RATE"] = 0.05, ["GEAR"] = 3 }),
            _packer.Pack("SIM_STEERING", new Dictionary<string, double> { ["STEER_ANGLE"] = angle, ["DRIVER_TORQUE"] = driverTorque, ["EPS_TORQUE"] = 0.25 }),
            _packer.Pack("SIM_PEDALS", new Dictionary<string, double> { ["GAS"] = 0.2, ["GAS_PRESSED"] = 1 }),
            _packer.Pack("SIM_CRUISE", new Dictionary<string, double> { ["BUTTONS"] = buttons, ["MAIN_ON"] = 1, ["CRUISE_ENGAGED"] = engaged ? 1 : 0, ["SET_SPEED"] = 25 }),
        };
        for (int i = 0; i < 4; i++)
        {
            var values = i == 0 && target is { } t
                ? new Dictionary<string, double> { ["D_REL"] = t.D, ["Y_REL"] = t.Y, ["V_REL"] = -1, ["VALID"] = 1 }
                : new Dictionary<string, double>();
            frames.Add(_packer.Pack($"SIM_TRACK_{i}", values, bus: SimCar.RadarBus));
        }
        return frames;
    }

    [Fact]
    public void SimTrafficDecodes()
    {
        var car = SimCar.Instance.CreateInterface(DbcFolder.Default);
        for (int i = 1; i <= 100; i++) car.Update(i * Cycle, Traffic());
        var s = car.State;
        Assert.True(s.CanValid);
        Assert.Equal(15, s.VEgoRaw, 6);
        Assert.Equal(15, s.VEgo, 3);
        Assert.Equal(0.05, s.YawRate, 6);
        Assert.Equal(-4.5, s.SteeringAngleDeg, 6);
        Assert.Equal(0.5, s.SteeringTorque, 6);
        Assert.False(s.SteeringPressed);
        Assert.Equal(0.25, s.SteeringTorqueEps, 6);
        Assert.Equal(0.2, s.Gas, 6);
        Assert.True(s.GasPressed);
        Assert.True(s.CruiseEnabled);
        Assert.True(s.CruiseAvailable);
        Assert.Equal(25, s.CruiseSpeed, 6);
        Assert.Equal(Gear.Drive, s.GearShifter);
        car.Update(101 * Cycle, Traffic(buttons: 4));
        Assert.Equal([new ButtonEventData(ButtonType.AccelCruise, true)], s.ButtonEvents);
    }

    [Fact]
    public void TorqueAndAccelBecomeCommandsWithChecksums()
    {
        var car = SimCar.Instance.CreateInterface(DbcFolder.Default);
        var control = new CarControlData { Enabled = true, LatActive = true, LongActive = true, Torque = 0.5, Accel = -5 };
        var frames = new List<CanFrame>();
        for (int i = 0; i < 60; i++)
        {
            frames.Clear();
            car.Apply(control, frames);
        }
        var steer = Dbc.GetMessage("SIM_STEER_COMMAND").Decode(frames[0].Data);
        var accel = Dbc.GetMessage("SIM_ACCEL_COMMAND").Decode(frames[1].Data);
        Assert.Equal(0.5, steer["STEER_TORQUE"], 6);     // positive left, reached within 0.5 s
        Assert.Equal(1, steer["STEER_REQUEST"]);
        Assert.Equal(-3.5, accel["ACCEL"], 6);           // clamped to the longitudinal limit
        Assert.Equal(1, accel["ACCEL_ACTIVE"]);
        Assert.All(frames, f => Assert.Equal(CarChecksums.Honda(f.Address, f.Data), (uint)(f.Data[^1] & 0xF)));

        var first = new List<CanFrame>();
        SimCar.Instance.CreateInterface(DbcFolder.Default).Apply(control, first);
        Assert.Equal(0.0104, Dbc.GetMessage("SIM_STEER_COMMAND").Decode(first[0].Data)["STEER_TORQUE"], 6);   // rate-limited start
    }

    [Fact]
    public void FingerprintingTellsTheSimCarFromTheCivic()
    {
        var sim = new Fingerprinter(CarPorts.All);
        FingerprintResult? result = null;
        for (int i = 1; i <= 60 && result is null; i++) result = sim.Feed(i * Cycle, Traffic());
        Assert.Same(SimCar.Instance, result?.Port);

        var civic = new Fingerprinter(CarPorts.All);
        var traffic = new CivicTraffic();
        result = null;
        for (int i = 1; i <= 60 && result is null; i++) result = civic.Feed(i * Cycle, traffic.Cycle());
        Assert.Equal("HONDA_CIVIC", result?.Port?.Platform);
    }

    [Fact]
    public void RadarTracksKeepTheirIdWhileValid()
    {
        var radar = SimCar.Instance.CreateRadar(DbcFolder.Default)!;
        var first = radar.Update(Cycle, Traffic(target: (40, 1.2)))!;
        var point = Assert.Single(first.Points);
        Assert.Equal(40, point.DRel, 6);
        Assert.Equal(1.2, point.YRel, 6);
        Assert.Equal(RadarErrors.None, first.Errors);
        Assert.Equal(point.TrackId, radar.Update(2 * Cycle, Traffic(target: (39, 1.2)))!.Points[0].TrackId);
        Assert.Empty(radar.Update(3 * Cycle, Traffic())!.Points);
        Assert.NotEqual(point.TrackId, radar.Update(4 * Cycle, Traffic(target: (60, 0)))!.Points[0].TrackId);
    }

    [Fact]
    public void CarParamsAskTheBenchForAllOutput()
    {
        var config = Assert.Single(SimCar.Instance.Params.SafetyConfigs);
        Assert.Equal(2, config.SafetyModel);   // car.capnp SafetyModel.allOutput
        Assert.Equal(Pilot.Bridge.Safety.SafetyMode.AllOutput, config.DeviceMode);
        Assert.Equal("sim", SimCar.Instance.Params.Brand);
    }
}
