using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Safety.Tests;

public sealed class ModeTests
{
    private static readonly byte[] Zero8 = new byte[8];

    [Fact]
    public void BootsSilentAndTransmitsNothing()
    {
        var model = new SafetyModel();
        Assert.Equal(SafetyMode.Silent, model.Mode);
        Assert.False(model.Tx(0, 0x2E4, Zero8, 0));
        Assert.True(model.Rx(0, 0x2E4, Zero8, 0));  // silent still listens
        Assert.True(model.RxValid);                 // nothing to check
        Assert.Equal(1u, model.Counters.TxBlocked);
        model.Tick(10_000_000);                     // no heartbeat needed while nothing can actuate
        Assert.Equal(SafetyMode.Silent, model.Mode);
        Assert.False(model.HeartbeatLost);
    }

    [Fact]
    public void NoOutputListensButNeverTransmits()
    {
        var model = new SafetyModel();
        Assert.True(model.SetMode(SafetyMode.NoOutput, 0));
        for (uint address = 0; address < 0x800; address++)
            Assert.False(model.Tx(0, address, Zero8, 0));
        Assert.Equal(0x800u, model.Counters.TxBlocked);
    }

    [Fact]
    public void AllOutputIsRefusedUnlessExplicitlyEnabled()
    {
        var model = new SafetyModel();
        Assert.False(model.SetMode(SafetyMode.AllOutput, 0));
        Assert.Equal(SafetyMode.Silent, model.Mode);
        Assert.Equal(1u, model.Counters.ModeRefused);
        Assert.False(model.Tx(0, 0x123, Zero8, 0));
    }

    [Fact]
    public void AllOutputWhenEnabledPassesEverythingUntilTheHeartbeatStops()
    {
        var model = new SafetyModel(new SafetyOptions { AllowAllOutput = true });
        Assert.True(model.SetMode(SafetyMode.AllOutput, 0));
        Assert.True(model.Tx(2, 0x1FFFFFFF, new byte[64], 500_000));
        Assert.False(model.Tx(0, 0x123, Zero8, 1_000_001));
        Assert.Equal(SafetyMode.NoOutput, model.Mode);
        Assert.True(model.HeartbeatLost);
        Assert.True(model.SetMode(SafetyMode.AllOutput, 2_000_000));
        Assert.False(model.HeartbeatLost);
        Assert.Equal(default, model.Counters);
    }

    [Fact]
    public void UnknownModeNumbersAreRefused()
    {
        var model = new SafetyModel();
        Assert.False(model.SetMode((SafetyMode)3, 0));
        Assert.Equal(SafetyMode.Silent, model.Mode);
    }

    [Fact]
    public void OnlyCarModesHaveBrandHooks()
    {
        foreach (var mode in Enum.GetValues<SafetyMode>())
            Assert.Equal(mode is SafetyMode.Toyota or SafetyMode.HondaBosch or SafetyMode.HondaNidec, BrandHooks.For(mode) is not null);
    }

    [Fact]
    public void HeartbeatTimeoutIsConfigurable()
    {
        var model = new SafetyModel(new SafetyOptions { HeartbeatTimeoutUs = 100_000 });
        model.SetMode(SafetyMode.Toyota, 0);
        model.Heartbeat(50_000, hostEngaged: false);
        model.Tick(150_000);
        Assert.Equal(SafetyMode.Toyota, model.Mode);
        model.Tick(150_001);
        Assert.Equal(SafetyMode.NoOutput, model.Mode);
    }

    [Fact]
    public void ControlIsWithdrawnWhenTheHostKeepsSayingItIsNotEngaged()
    {
        var bench = new SafetyBench(new ToyotaCar());
        bench.Engage();
        bench.Model.Heartbeat(bench.Now, hostEngaged: false);
        bench.Model.Heartbeat(bench.Now, hostEngaged: false);
        Assert.True(bench.Model.ControlsAllowed, "two beats behind is a host catching up, not a mismatch");
        bench.Model.Heartbeat(bench.Now, hostEngaged: true);                 // agreement starts the count again
        bench.Model.Heartbeat(bench.Now, hostEngaged: false);
        bench.Model.Heartbeat(bench.Now, hostEngaged: false);
        Assert.True(bench.Model.ControlsAllowed);
        bench.Model.Heartbeat(bench.Now, hostEngaged: false);
        Assert.False(bench.Model.ControlsAllowed, "three disagreeing beats in a row must withdraw control");
        Assert.Equal(1u, bench.Model.Counters.ControlsMismatches);
        Assert.False(bench.Tx(bench.Car.Steer(10, request: true)));
        bench.HostEngaged = false;
        bench.Step(5);
        Assert.False(bench.Model.ControlsAllowed, "no engage edge, no control");
        Assert.Equal(1u, bench.Model.Counters.ControlsMismatches);          // not allowed: nothing to disagree about
    }
}
