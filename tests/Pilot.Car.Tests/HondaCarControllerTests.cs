using Pilot.Can.Checksums;
using Pilot.Can.Packing;
using Pilot.Car.Model;
using Pilot.Car.Ports.Honda;

namespace Pilot.Car.Tests;

public sealed class HondaCarControllerTests
{
    private static readonly CarControlData Steer = new() { Enabled = true, LatActive = true };

    private static List<List<CanFrame>> Drive(HondaCarController controller, CarControlData control, int cycles, CarStateData? state = null)
    {
        state ??= new CarStateData { VEgo = 20 };
        var all = new List<List<CanFrame>>();
        for (int i = 0; i < cycles; i++)
        {
            var frames = new List<CanFrame>();
            controller.Apply(control, state, frames);
            all.Add(frames);
        }
        return all;
    }

    private static Dictionary<string, double> Decode(CanFrame f) => CivicTraffic.Dbc.GetMessage(f.Address).Decode(f.Data);

    [Theory]
    [InlineData(-0.5, 1920)]    // right: the EPS takes torque positive to the right
    [InlineData(0.5, -1920)]
    [InlineData(1.0, -3840)]
    public void NormalizedTorqueRampsToSteerTorque(double torque, int expected)
    {
        var frames = Drive(new HondaCarController(CivicTraffic.Dbc), Steer with { Torque = torque }, 120);
        var steer = frames.Select(c => c.Single(f => f.Address == 0xE4)).ToList();
        int up = HondaCivic.TorqueLimits.MaxRateUp;
        Assert.Equal(Math.Sign(expected) * up, Decode(steer[0])["STEER_TORQUE"]);                 // the device's rate limit
        Assert.Equal(Math.Sign(expected) * 2 * up, Decode(steer[1])["STEER_TORQUE"]);
        Assert.Equal(expected, Decode(steer[^1])["STEER_TORQUE"]);
        Assert.All(steer, f => Assert.Equal(1, Decode(f)["STEER_TORQUE_REQUEST"]));
        Assert.All(steer, f => Assert.Equal(5, f.Data.Length));
    }

    [Fact]
    public void SteeringFramesCarryHondaChecksumsAndRollingCounters()
    {
        var steer = Drive(new HondaCarController(CivicTraffic.Dbc), Steer with { Torque = -0.5 }, 9).Select(c => c[0]).ToList();
        for (int i = 0; i < steer.Count; i++)
        {
            var f = steer[i];
            Assert.Equal(0xE4u, f.Address);
            Assert.Equal(CarChecksums.Honda(f.Address, f.Data), (uint)(f.Data[^1] & 0xF));
            Assert.Equal(i % 4, Decode(f)["COUNTER"]);
        }
    }

    [Fact]
    public void InactiveLateralSendsZeroTorqueWithoutRequest()
    {
        var controller = new HondaCarController(CivicTraffic.Dbc);
        Drive(controller, Steer with { Torque = 0.8 }, 50);
        var off = Drive(controller, new CarControlData { Enabled = true, Torque = 0.8 }, 1)[0][0];
        Assert.Equal(0, Decode(off)["STEER_TORQUE"]);
        Assert.Equal(0, Decode(off)["STEER_TORQUE_REQUEST"]);
        var again = Drive(controller, Steer with { Torque = 0.8 }, 1)[0][0];
        Assert.Equal(-HondaCivic.TorqueLimits.MaxRateUp, Decode(again)["STEER_TORQUE"]);   // ramps again from 0
    }

    [Fact]
    public void DriverTorqueOpposingTheCommandShrinksIt()
    {
        // The driver holds 2000 units to the left (DBC physical, positive left); the command asks full right.
        var state = new CarStateData { VEgo = 20, SteeringTorque = 2000 };
        var frames = Drive(new HondaCarController(CivicTraffic.Dbc), Steer with { Torque = -1 }, 200, state);
        var limits = HondaCivic.TorqueLimits;
        double expected = limits.Max + (limits.DriverAllowance - 2000) * limits.DriverFactor;   // 3040
        Assert.Equal(expected, Decode(frames[^1][0])["STEER_TORQUE"]);
    }

    [Fact]
    public void MessagesGoOutAtTheirRates()
    {
        var frames = Drive(new HondaCarController(CivicTraffic.Dbc), Steer, 20).SelectMany(c => c).ToList();
        Assert.Equal(20, frames.Count(f => f.Address == 0xE4));    // STEERING_CONTROL 100 Hz
        Assert.Equal(10, frames.Count(f => f.Address == 0x1FA));   // BRAKE_COMMAND 50 Hz
        Assert.Equal(2, frames.Count(f => f.Address == 0x30C));    // ACC_HUD 10 Hz
        Assert.Equal(2, frames.Count(f => f.Address == 0x33D));    // LKAS_HUD 10 Hz
        Assert.All(frames, f => Assert.Equal(CarChecksums.Honda(f.Address, f.Data), (uint)(f.Data[^1] & 0xF)));
    }

    [Fact]
    public void BrakingRampsTheComputerBrakeAndRunsThePump()
    {
        var control = new CarControlData { Enabled = true, LongActive = true, Accel = -2.4 };
        var frames = Drive(new HondaCarController(CivicTraffic.Dbc), control, 100, new CarStateData { VEgo = 10 });
        var brakes = frames.SelectMany(c => c).Where(f => f.Address == 0x1FA).Select(Decode).ToList();
        double wind = 0.002 + (10 - 2.3) / (35 - 2.3) * (0.15 - 0.002);
        // The brake request rises 0.01 per cycle from the hysteresis-held 0.49 (0.5 − the 0.01 gap).
        Assert.True(brakes[0]["COMPUTER_BRAKE"] < brakes[10]["COMPUTER_BRAKE"]);
        Assert.Equal((int)((0.49 - wind) * 256), brakes[^1]["COMPUTER_BRAKE"]);
        Assert.Equal(1, brakes[^1]["COMPUTER_BRAKE_REQUEST"]);
        Assert.Equal(1, brakes[^1]["BRAKE_LIGHTS"]);
        Assert.Equal(1, brakes[10]["BRAKE_PUMP_REQUEST"]);   // a rising brake runs the pump...
        Assert.Equal(0, brakes[^1]["BRAKE_PUMP_REQUEST"]);   // ...which stops 0.2 s after the brake settled
        var hud = Decode(frames[90].Single(f => f.Address == 0x30C));
        Assert.True(hud["PCM_SPEED"] < 10 * 3.6);            // the PCM is asked for less than the current speed
        Assert.Equal(0, hud["PCM_GAS"]);
    }

    [Fact]
    public void AccelerationAsksThePcmForMoreSpeedAndGas()
    {
        var control = new CarControlData { Enabled = true, LongActive = true, Accel = 0.5 };
        var frames = Drive(new HondaCarController(CivicTraffic.Dbc), control, 11, new CarStateData { VEgo = 20 });
        var hud = Decode(frames[10].Single(f => f.Address == 0x30C));
        var (gas, brake) = NidecLongitudinal.GasBrake(0.5, 20);
        double gb = gas - brake;                                          // 0.104 of the 0..0.5 gas range
        Assert.Equal(Math.Round((22 + (25 - 22) * gb / 0.5) * 3.6, 2), hud["PCM_SPEED"], 2);
        Assert.Equal((int)(0.5 / 1.44 / 0.6 * 198), hud["PCM_GAS"]);    // 0.6 m/s² the PCM's top at 20 m/s
        var brakeFrame = Decode(frames[10].Single(f => f.Address == 0x1FA));
        Assert.Equal(0, brakeFrame["COMPUTER_BRAKE"]);
    }

    [Fact]
    public void DisabledControlActuatesNothing()
    {
        var frames = Drive(new HondaCarController(CivicTraffic.Dbc), default, 10, new CarStateData { VEgo = 15 }).SelectMany(c => c).ToList();
        Assert.All(frames.Where(f => f.Address == 0xE4), f => Assert.Equal(0, Decode(f)["STEER_TORQUE_REQUEST"]));
        Assert.All(frames.Where(f => f.Address == 0x1FA), f => Assert.Equal(0, Decode(f)["COMPUTER_BRAKE"]));
        var hud = Decode(frames.First(f => f.Address == 0x30C));
        Assert.Equal(0, hud["PCM_SPEED"]);
        Assert.Equal(0, hud["PCM_GAS"]);
        Assert.Equal(255, hud["CRUISE_SPEED"]);
    }
}
