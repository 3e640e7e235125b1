using Pilot.Can.Packing;
using Pilot.Car.Model;
using Pilot.Car.Ports.Honda;

namespace Pilot.Car.Tests;

public sealed class HondaCarStateTests
{
    private const long Cycle = 10_000_000;   // ns

    private static (HondaInterface Car, long Now) Run(CivicTraffic traffic, int cycles, HondaInterface? car = null, long start = 0)
    {
        car ??= new HondaInterface(CivicTraffic.Dbc);
        long now = start;
        for (int i = 0; i < cycles; i++)
        {
            now += Cycle;
            car.Update(now, traffic.Cycle());
        }
        return (car, now);
    }

    [Fact]
    public void PackedTrafficDecodesToTheCarStateItCarries()
    {
        var traffic = new CivicTraffic
        {
            SpeedKph = 72, SteerAngleDeg = 12.5, SteerRateDeg = -30, DriverTorque = 300, MotorTorque = 40, PedalGas = 51,
            AccOn = true, CruiseSpeedKph = 90, EspDisabled = true,
        };
        var (car, _) = Run(traffic, 200);
        var s = car.State;
        Assert.True(s.CanValid);
        Assert.False(s.CanTimeout);
        Assert.Equal(20.0, s.VEgoRaw, 6);                 // 72 km/h
        Assert.Equal(20.0, s.VEgo, 3);                    // the filter has converged on a constant speed
        Assert.Equal(0.0, s.AEgo, 3);
        Assert.Equal(20.0, s.WheelSpeedRr, 6);
        Assert.Equal(12.5, s.SteeringAngleDeg, 6);        // positive left through the DBC's −0.1 factor
        Assert.Equal(-30, s.SteeringRateDeg, 6);
        Assert.Equal(300, s.SteeringTorque, 6);
        Assert.False(s.SteeringPressed);
        Assert.Equal(40, s.SteeringTorqueEps, 6);
        Assert.Equal(0.2, s.Gas, 6);
        Assert.True(s.GasPressed);
        Assert.True(s.CruiseEnabled);
        Assert.True(s.CruiseAvailable);
        Assert.Equal(25.0, s.CruiseSpeed, 6);             // 90 km/h
        Assert.Equal(Gear.Drive, s.GearShifter);
        Assert.False(s.DoorOpen);
        Assert.False(s.SeatbeltUnlatched);
        Assert.True(s.EspDisabled);
        Assert.False(s.Standstill);
        Assert.False(s.SteerFaultTemporary);
        Assert.False(s.SteerFaultPermanent);
        Assert.Equal(0u, s.CanErrorCounter);
    }

    [Fact]
    public void DriverTorqueOverTheThresholdIsSteeringPressed()
    {
        var traffic = new CivicTraffic { DriverTorque = -1300 };
        var (car, _) = Run(traffic, 3);
        Assert.True(car.State.SteeringPressed);
        traffic.DriverTorque = 1100;
        Run(traffic, 1, car, 30_000_000);
        Assert.False(car.State.SteeringPressed);
    }

    [Fact]
    public void StoppedOpenDoorUnbuckledBrakingReverse()
    {
        var traffic = new CivicTraffic { BrakePressed = true, DoorOpen = true, BeltLatched = false, Gear = 2, SteerStatus = 6 };
        var (car, _) = Run(traffic, 3);
        var s = car.State;
        Assert.True(s.Standstill);
        Assert.Equal(0, s.VEgo);
        Assert.True(s.BrakePressed);
        Assert.True(s.DoorOpen);
        Assert.True(s.SeatbeltUnlatched);
        Assert.Equal(Gear.Reverse, s.GearShifter);
        Assert.True(s.SteerFaultTemporary);    // tmp_fault
        Assert.False(s.SteerFaultPermanent);
    }

    [Fact]
    public void AccelerationShowsInTheFilteredAEgo()
    {
        var traffic = new CivicTraffic { SpeedKph = 36 };
        var car = new HondaInterface(CivicTraffic.Dbc);
        long now = 0;
        for (int i = 0; i < 300; i++)
        {
            traffic.SpeedKph = 36 + 3.6 * 1.5 * i * 0.01;   // +1.5 m/s²
            now += Cycle;
            car.Update(now, traffic.Cycle());
        }
        Assert.Equal(1.5, car.State.AEgo, 1);
        Assert.Equal(10 + 1.5 * 2.99, car.State.VEgo, 1);
    }

    [Fact]
    public void CruiseButtonsBecomePressAndReleaseEvents()
    {
        var traffic = new CivicTraffic();
        var (car, now) = Run(traffic, 2);
        Assert.Empty(car.State.ButtonEvents);
        traffic.CruiseButtons = 3;   // decel_set
        Run(traffic, 1, car, now);
        Assert.Equal([new ButtonEventData(ButtonType.DecelCruise, true)], car.State.ButtonEvents);
        Run(traffic, 1, car, now + Cycle);
        Assert.Empty(car.State.ButtonEvents);   // held: no new event
        traffic.CruiseButtons = 0;
        traffic.CruiseSetting = 3;   // distance button
        Run(traffic, 1, car, now + 2 * Cycle);
        Assert.Equal([new ButtonEventData(ButtonType.DecelCruise, false), new ButtonEventData(ButtonType.GapAdjust, true)], car.State.ButtonEvents);
    }

    [Fact]
    public void BadChecksumsMakeCanInvalid()
    {
        var traffic = new CivicTraffic { SpeedKph = 50 };
        var (car, now) = Run(traffic, 20);
        Assert.True(car.State.CanValid);
        for (int i = 0; i < 20; i++)
        {
            var frames = traffic.Cycle();
            int k = frames.FindIndex(f => f.Address == 0x158);   // ENGINE_DATA
            var data = (byte[])frames[k].Data.Clone();
            data[^1] ^= 0x01;                                    // flips a checksum bit
            frames[k] = frames[k] with { Data = data };
            now += Cycle;
            car.Update(now, frames);
        }
        Assert.False(car.State.CanValid);   // ENGINE_DATA's 100 ms timeout passed with only rejected frames
        Assert.Equal(20u, car.State.CanErrorCounter);
    }

    [Fact]
    public void RepeatedCountersMakeCanInvalid()
    {
        var traffic = new CivicTraffic();
        var (car, now) = Run(traffic, 5);
        var frozen = traffic.Cycle().Single(f => f.Address == 0x17C);   // POWERTRAIN_DATA with one counter value
        for (int i = 0; i < 6; i++)
        {
            var frames = traffic.Cycle();
            frames[frames.FindIndex(f => f.Address == 0x17C)] = frozen;
            now += Cycle;
            car.Update(now, frames);
        }
        Assert.False(car.State.CanValid);
    }

    [Fact]
    public void AMissingMessageKeepsCanInvalid()
    {
        var traffic = new CivicTraffic();
        var car = new HondaInterface(CivicTraffic.Dbc);
        car.Update(Cycle, traffic.Cycle().Where(f => f.Address != 0x18F).ToList());   // no STEER_STATUS
        Assert.False(car.State.CanValid);
        car.Update(2 * Cycle, traffic.Cycle());
        Assert.True(car.State.CanValid);
    }

    [Fact]
    public void SilenceIsACanTimeout()
    {
        var (car, now) = Run(new CivicTraffic(), 3);
        car.Update(now + 600_000_000, Array.Empty<CanFrame>());
        Assert.True(car.State.CanTimeout);
        Assert.False(car.State.CanValid);
    }
}
