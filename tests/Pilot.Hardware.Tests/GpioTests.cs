using System.Device.Gpio;
using Pilot.Hardware.Gpio;
using Pilot.Hardware.Tests.Simulation;

namespace Pilot.Hardware.Tests;

public class GpioTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void Debouncer_accepts_a_level_only_after_it_holds()
    {
        var d = new Debouncer(riseNs: 50 * Ms, fallNs: 200 * Ms, initial: false, nowNs: 0);
        Assert.False(d.Update(true, 10 * Ms));
        Assert.False(d.Update(false, 12 * Ms));  // bounce
        Assert.False(d.Update(true, 14 * Ms));
        Assert.False(d.Tick(63 * Ms));           // 49 ms since the last edge
        Assert.True(d.Tick(64 * Ms));
        Assert.True(d.State);
        Assert.Equal(1, d.Bounces);
        Assert.False(d.Update(false, 100 * Ms));
        Assert.False(d.Tick(299 * Ms));          // falling needs 200 ms
        Assert.True(d.Tick(300 * Ms));
        Assert.False(d.State);
    }

    [Fact]
    public void Ignition_is_debounced_from_edge_events_of_a_gpio_driver()
    {
        var driver = new SimulatedGpioDriver();
        var clock = new ManualClock(0);
        using var controller = new GpioController(driver);
        var changes = new List<(bool On, long AtNs)>();
        using var ignition = new IgnitionInput(controller, 17, clock, new IgnitionOptions(100 * Ms, 1000 * Ms), shouldDispose: false);
        ignition.Changed += (on, at) => changes.Add((on, at));
        Assert.False(ignition.IsOn);
        Assert.Equal(PinMode.InputPullDown, controller.GetPinMode(17));

        // Contact bounce for 6 ms, then held on.
        for (int i = 0; i < 6; i++)
        {
            driver.Drive(17, i % 2 == 0 ? PinValue.High : PinValue.Low);
            clock.AdvanceMs(1);
        }
        driver.Drive(17, PinValue.High);
        clock.AdvanceMs(99);
        Assert.False(ignition.Poll());
        clock.AdvanceMs(1);
        Assert.True(ignition.Poll());
        Assert.Equal([(true, 106 * Ms)], changes);
        Assert.True(ignition.Bounces >= 2);

        // A cranking dip of 300 ms does not end the drive; a real key-off does, after 1 s.
        driver.Drive(17, PinValue.Low);
        clock.AdvanceMs(300);
        driver.Drive(17, PinValue.High);
        clock.AdvanceMs(2000);
        Assert.True(ignition.Poll());
        driver.Drive(17, PinValue.Low);
        clock.AdvanceMs(1000);
        Assert.False(ignition.Poll());
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public void Active_low_ignition_uses_the_pull_up_and_inverts()
    {
        var driver = new SimulatedGpioDriver();
        var clock = new ManualClock(0);
        using var controller = new GpioController(driver);
        using var ignition = new IgnitionInput(controller, 4, clock, new IgnitionOptions(0, 0, ActiveLow: true), shouldDispose: false);
        Assert.False(ignition.Poll()); // pulled up = off
        driver.Drive(4, PinValue.Low);
        Assert.True(ignition.Poll());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Disposal_closes_the_pin_and_follows_ownership(bool shouldDispose)
    {
        var driver = new SimulatedGpioDriver();
        var controller = new GpioController(driver);
        new IgnitionInput(controller, 5, new ManualClock(), shouldDispose: shouldDispose).Dispose();
        Assert.False(driver.IsOpen(5));
        Assert.Equal(shouldDispose, driver.Disposed);
    }

    [Fact]
    public void Status_output_draws_patterns_and_writes_only_changes()
    {
        var driver = new SimulatedGpioDriver();
        using var controller = new GpioController(driver);
        int before;
        using (var led = new StatusOutput(controller, 27, activeLow: false, shouldDispose: false))
        {
            before = driver.Writes.Count;
            led.Pattern = StatusPattern.On;
            led.Update(0);
            led.Update(10 * Ms);
            Assert.True(led.IsOn);
            led.Pattern = StatusPattern.BlinkFast;
            var seen = new List<bool>();
            for (long t = 0; t < 1000 * Ms; t += 125 * Ms)
            {
                led.Update(t);
                seen.Add(led.IsOn);
            }
            Assert.Equal([true, false, true, false, true, false, true, false], seen);
        }
        Assert.Equal(PinValue.Low, driver.Writes[^1].Value); // driven off on dispose
        Assert.Equal(1 + 7 + 1, driver.Writes.Count - before); // on once; 7 toggles; off
    }
}
