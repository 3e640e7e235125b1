using Pilot.Bridge.Safety;
using Pilot.Can.Packing;
using Pilot.Car.Model;
using Pilot.Car.Ports.Honda;

namespace Pilot.Car.Tests;

/// <summary>
/// What card sends for the Civic must pass the CAN interface device's Honda Nidec safety model while control is
/// allowed, however hard controls pushes: the host-side limits are the device's own.
/// </summary>
public sealed class DeviceSafetyTests
{
    private const long CycleUs = 10_000;

    [Theory]
    [InlineData(0.0)]
    [InlineData(900.0)]
    [InlineData(-900.0)]
    // Beyond the 1200-unit allowance the limits depend on the driver's direction: host and device must read it alike.
    [InlineData(2500.0)]
    [InlineData(-2500.0)]
    public void EveryFrameOfAnAggressiveDrivePassesTheDevice(double driverTorque)
    {
        var device = new SafetyModel();
        Assert.True(device.SetMode(SafetyMode.HondaNidec, 0));
        var traffic = new CivicTraffic { SpeedKph = 72, DriverTorque = driverTorque };
        var car = new HondaInterface(CivicTraffic.Dbc);
        var output = new List<CanFrame>();
        int sent = 0;
        long nowUs = 0;
        for (int i = 0; i < 600; i++)
        {
            nowUs += CycleUs;
            traffic.AccOn = i >= 10;   // the driver engages after 0.1 s
            var frames = traffic.Cycle();
            foreach (var f in frames) device.Rx(f.Bus, f.Address, f.Data, nowUs);
            device.Heartbeat(nowUs, hostEngaged: traffic.AccOn);   // the host engages with the driver
            device.Tick(nowUs);
            car.Update(nowUs * 1000, frames);
            // Full torque flipping side every second, hard braking then accelerating.
            var control = new CarControlData
            {
                Enabled = traffic.AccOn, LatActive = traffic.AccOn, LongActive = traffic.AccOn,
                Torque = i / 100 % 2 == 0 ? 1.0 : -1.0, Accel = i < 300 ? -3.5 : 2.0,
            };
            output.Clear();
            car.Apply(control, output);
            foreach (var f in output)
            {
                Assert.True(device.Tx(f.Bus, f.Address, f.Data, nowUs), $"device refused {f} at cycle {i}");
                sent++;
            }
        }
        Assert.True(device.ControlsAllowed);
        Assert.Equal(600 + 300 + 120, sent);
    }
}
