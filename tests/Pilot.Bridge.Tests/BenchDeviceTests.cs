extern alias safetytests;
using Pilot.Bridge.Adapters;
using Pilot.Bridge.Bench;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Serial;
using Pilot.Testing;
using safetytests::Pilot.Bridge.Safety.Tests;

namespace Pilot.Bridge.Tests;

/// <summary>The host adapter against the bench device process over a real socat pty pair.</summary>
public sealed class BenchDeviceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private sealed class Rig : IDisposable
    {
        public readonly PtyPair Pty = new(TestData.RequireTool("socat"));
        public readonly BenchDeviceProcess Device;
        public readonly PilotDeviceAdapter Adapter;

        public Rig(params string[] deviceArgs)
        {
            Device = new BenchDeviceProcess(Pty.B, deviceArgs);
            Adapter = new PilotDeviceAdapter(Pty.A);
            Adapter.Open();
        }

        public CanFrame Next()
        {
            Assert.True(Adapter.TryReceive(out var frame, Wait), "no frame from the bench device");
            return frame;
        }

        public DeviceHealth Health() => Adapter.RequestHealth(Wait) ?? throw new Xunit.Sdk.XunitException("no health report");

        public void Dispose()
        {
            Adapter.Dispose();
            Device.Dispose();
            Pty.Dispose();
        }
    }

    private static CanFrame Frame(Frame f) => CanFrame.Create(f.Bus, f.Address, f.Data);

    [SkippableFact]
    public void BootsSilentAndReturnsEveryFrameRejected()
    {
        using var rig = new Rig();
        var health = rig.Health();
        Assert.Equal(SafetyMode.Silent, health.SafetyMode);
        rig.Adapter.Send(CanFrame.Create(0, 0x123, [1, 2, 3]));
        var echo = rig.Next();
        Assert.Equal((0x123u, true, false), (echo.Address, echo.Rejected, echo.Returned));
        Assert.Equal(1u, rig.Health().TxBlocked);
    }

    [SkippableFact]
    public void AllOutputNeedsTheDeviceFlagThenLoopsBackOnEveryBus()
    {
        using (var locked = new Rig())
        {
            locked.Adapter.SetSafetyMode(SafetyMode.AllOutput);
            Assert.Equal(SafetyMode.Silent, locked.Health().SafetyMode);
        }
        using var rig = new Rig("--allow-all-output");
        rig.Adapter.SetSafetyMode(SafetyMode.AllOutput);
        rig.Adapter.Heartbeat();
        Assert.Equal(SafetyMode.AllOutput, rig.Health().SafetyMode);
        var sent = new List<CanFrame>();
        for (int i = 0; i < 30; i++)
            sent.Add(CanFrame.Create(i % 3, (uint)(0x100 + i), BitConverter.GetBytes(i), fd: false));
        sent.Add(CanFrame.Create(1, 0x1ABCDEF, new byte[64], extended: true, fd: true));
        rig.Adapter.Send(sent.ToArray());
        foreach (var frame in sent)
        {
            var echo = rig.Next();
            Assert.True(echo.Returned);
            Assert.False(echo.Rejected);
            Assert.Equal(frame.ToString().Replace(" returned", ""), echo.ToString().Replace(" returned", ""));
            Assert.True(echo.TimestampNs > 0);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Adapter.Send(CanFrame.Create(3, 1, [])));
    }

    [SkippableFact]
    public void ToyotaEngagesThroughInjectedCarTrafficAndTheDeviceEnforcesLimits()
    {
        using var rig = new Rig();
        var car = new ToyotaCar();
        rig.Adapter.SetSafetyMode(SafetyMode.Toyota);
        void Traffic()
        {
            rig.Adapter.Heartbeat();
            foreach (var f in car.RxFrames()) rig.Adapter.InjectRx(Frame(f));
            for (int i = 0; i < 6; i++) Assert.False(rig.Next().Returned);  // the car frames come back as received
        }
        Traffic();
        Assert.False(rig.Health().ControlsAllowed);
        rig.Adapter.Send(Frame(car.Steer(10, request: true)));
        Assert.True(rig.Next().Rejected);                                   // no control yet

        car.Inputs.Cruise = true;
        Traffic();
        var health = rig.Health();
        Assert.True(health.ControlsAllowed);
        Assert.True(health.RxValid);
        rig.Adapter.Send(Frame(car.Steer(10, request: true)));
        Assert.True(rig.Next().Returned);
        rig.Adapter.Send(Frame(car.Steer(1500, request: true)));           // far above the rate limit
        Assert.True(rig.Next().Rejected);
        Assert.Equal(2u, rig.Health().TxBlocked);
    }

    [SkippableFact]
    public void MissingHeartbeatDropsTheDeviceToNoOutput()
    {
        using var rig = new Rig("--heartbeat-timeout-ms", "200");
        rig.Adapter.SetSafetyMode(SafetyMode.HondaBosch);
        Assert.Equal(SafetyMode.HondaBosch, rig.Health().SafetyMode);
        Thread.Sleep(500);
        var health = rig.Health();
        Assert.Equal(SafetyMode.NoOutput, health.SafetyMode);
        Assert.True(health.HeartbeatLost);
        Assert.Equal(1u, health.HeartbeatTimeouts);
    }

    [SkippableFact]
    public void InjectedFaultsDropCorruptBusOffAndSilence()
    {
        using var rig = new Rig("--allow-all-output");
        rig.Adapter.SetSafetyMode(SafetyMode.AllOutput);
        rig.Adapter.Heartbeat();
        rig.Health();

        rig.Adapter.InjectFault(FaultKind.Drop, 2);
        for (int i = 0; i < 10; i++) rig.Adapter.Send(CanFrame.Create(0, (uint)i, [1]));
        var got = new List<uint>();
        while (rig.Adapter.TryReceive(out var f, TimeSpan.FromSeconds(1))) got.Add(f.Address);
        Assert.Equal([0u, 2, 4, 6, 8], got);                               // every 2nd frame lost

        rig.Adapter.InjectFault(FaultKind.Clear);
        rig.Adapter.InjectFault(FaultKind.Corrupt, 3);
        long errorsBefore = rig.Adapter.ReaderStats.Errors;
        for (int i = 0; i < 30; i++) rig.Adapter.Send(CanFrame.Create(0, (uint)i, [(byte)i, 0, 0x55]));
        var valid = new List<CanFrame>();
        while (rig.Adapter.TryReceive(out var f, TimeSpan.FromSeconds(1))) valid.Add(f);
        Assert.Equal(20, valid.Count);
        Assert.All(valid, f => Assert.Equal([(byte)f.Address, 0, 0x55], f.Data.ToArray()));  // survivors are intact
        Assert.Equal(10, rig.Adapter.ReaderStats.Errors - errorsBefore);

        rig.Adapter.InjectFault(FaultKind.Clear);
        rig.Adapter.InjectFault(FaultKind.Delay, 20_000);                   // µs before every answer
        rig.Adapter.Send(CanFrame.Create(0, 0x42, [4]));
        Assert.Equal(0x42u, rig.Next().Address);                            // late, but intact
        Assert.Equal(1 << (int)FaultKind.Delay, rig.Health().ActiveFaults);

        rig.Adapter.InjectFault(FaultKind.Clear);
        rig.Adapter.InjectFault(FaultKind.BusOff, 1);
        var error = rig.Next();
        Assert.Equal((FrameKind.Error, BusErrorState.BusOff, (byte)1), (error.Kind, error.Error, error.Bus));
        rig.Adapter.Send(CanFrame.Create(1, 0x10, [1]));
        rig.Adapter.Send(CanFrame.Create(0, 0x11, [1]));
        Assert.Equal(0x11u, rig.Next().Address);                            // bus 1 is off, bus 0 still works
        Assert.Equal(2, rig.Health().BusOffMask);

        rig.Adapter.InjectFault(FaultKind.Clear);
        rig.Adapter.InjectFault(FaultKind.Silence, 1500);
        Assert.Null(rig.Adapter.RequestHealth(TimeSpan.FromMilliseconds(300)));  // stopped answering
        Assert.NotNull(rig.Adapter.RequestHealth(Wait));                          // and comes back
    }

    [SkippableFact]
    public void GarbageFromTheHostIsCountedAndTheDeviceKeepsServing()
    {
        using var rig = new Rig();
        using (var raw = TtyLink.Open(rig.Pty.A))
        {
            var garbage = new byte[2000];
            new Random(9).NextBytes(garbage);
            raw.Write(garbage);
            raw.Write([Cobs.Delimiter]);
        }
        var health = rig.Health();
        Assert.True(health.HostPacketErrors > 0, "garbage was not counted");
        Assert.False(rig.Device.HasExited);
    }

    [SkippableFact]
    public void UnplugMidStreamFailsTheAdapterCleanly()
    {
        using var rig = new Rig("--allow-all-output");
        rig.Adapter.SetSafetyMode(SafetyMode.AllOutput);
        rig.Health();
        rig.Pty.Unplug();
        Assert.False(rig.Adapter.TryReceive(out _, Wait));
        var deadline = DateTime.UtcNow + Wait;
        while (rig.Adapter.IsOpen && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.False(rig.Adapter.IsOpen);
        Assert.IsType<LinkException>(rig.Adapter.Failure);
        Assert.Throws<LinkException>(() => rig.Adapter.Send(CanFrame.Create(0, 1, [])));
        Assert.True(rig.Device.WaitForExit(Wait), "the device process should exit when its port goes away");
        Assert.Equal(3, rig.Device.ExitCode);
    }

    [Fact]
    public void ServesAPseudoTerminalOfItsOwnWithoutARelay()
    {
        string link = Path.Combine(Path.GetTempPath(), $"pilot-device-{Guid.NewGuid():N}");
        using (var device = BenchDeviceProcess.OnOwnPty(link, "--allow-all-output"))
        using (var adapter = new PilotDeviceAdapter(link))
        {
            adapter.Open();
            adapter.SetSafetyMode(SafetyMode.AllOutput);
            var health = adapter.RequestHealth(Wait) ?? throw new Xunit.Sdk.XunitException("no health report");
            Assert.Equal(SafetyMode.AllOutput, health.SafetyMode);
            Assert.True(health.Bench, "the bench device did not say it is one");
            adapter.Send(CanFrame.Create(1, 0x55, [5]));
            Assert.True(adapter.TryReceive(out var echo, Wait) && echo.Returned && echo.Address == 0x55, $"echo {echo}");
        }
        Assert.False(File.Exists(link), "the device's link outlived it");
    }

    [SkippableFact]
    public void OpeningAMissingPortSaysWhich()
    {
        var adapter = new PilotDeviceAdapter("/nonexistent/ttyPILOT0");
        var e = Assert.Throws<LinkException>(adapter.Open);
        Assert.Contains("/nonexistent/ttyPILOT0", e.Message);
        Assert.Contains("/dev/null is not a serial port", Assert.Throws<LinkException>(() => TtyLink.Open("/dev/null")).Message);
    }
}
