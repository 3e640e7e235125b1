extern alias safetytests;
using Pilot.Bridge.Adapters;
using Pilot.Bridge.Bench;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Safety.Brands;
using Pilot.Bridge.Serial;
using Pilot.Testing;
using safetytests::Pilot.Bridge.Safety.Tests;

namespace Pilot.Bridge.Tests;

/// <summary>
/// The bench device hosted in the test process with a car on its buses (as the simulator hosts it), the host adapter
/// on the other end of a real pty: a socat pair, or a pseudo-terminal the device's process opened itself.
/// </summary>
public sealed class BenchCarTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>The car: keeps every frame the device put on its buses.</summary>
    private sealed class RecordingCar : IBenchCar
    {
        private readonly List<CanFrame> _frames = [];

        public void FromDevice(in CanFrame frame)
        {
            lock (_frames) _frames.Add(frame);
        }

        public List<CanFrame> Take()
        {
            lock (_frames)
            {
                var copy = _frames.ToList();
                _frames.Clear();
                return copy;
            }
        }
    }

    /// <summary>A device serving <see cref="Link"/> on its own thread, the adapter connected to <see cref="HostPath"/>.</summary>
    private sealed class Rig : IDisposable
    {
        public readonly RecordingCar Car = new();
        public readonly BenchDevice Device;
        public readonly PilotDeviceAdapter Adapter;
        private readonly Thread _thread;
        private readonly IDisposable _port;
        private Exception? _deviceFailure;

        public Rig(IDisposable port, Func<IBenchCar, BenchDevice> device, string hostPath)
        {
            _port = port;
            Device = device(Car);
            _thread = new Thread(() =>
            {
                try
                {
                    Device.Run();
                }
                catch (Exception e)
                {
                    _deviceFailure = e;
                }
            }) { IsBackground = true };
            _thread.Start();
            Adapter = new PilotDeviceAdapter(hostPath);
            Adapter.Open();
        }

        public static Rig OnSocat(BenchDeviceOptions? options = null)
        {
            var pty = new PtyPair(TestData.RequireTool("socat"));
            return new Rig(pty, car => new BenchDevice(pty.B, options, car), pty.A);
        }

        public CanFrame Next()
        {
            Assert.True(Adapter.TryReceive(out var frame, Wait), "no frame from the bench device");
            return frame;
        }

        public DeviceHealth Health() => Adapter.RequestHealth(Wait) ?? throw new Xunit.Sdk.XunitException("no health report");

        public void Dispose()
        {
            Device.Dispose();  // first: a closing host end makes socat hang up the device's end
            Assert.True(_thread.Join(Wait), "the device thread did not end on dispose");
            Adapter.Dispose();
            _port.Dispose();
            Assert.Null(_deviceFailure);
        }
    }

    private static CanFrame Frame(Frame f) => CanFrame.Create(f.Bus, f.Address, f.Data);

    // The car's traffic, once the device has applied what the host sent before (a health round trip orders the two).
    private static void Drive(Rig rig, ToyotaCar car)
    {
        rig.Adapter.Heartbeat();
        rig.Health();
        foreach (var f in car.RxFrames()) Assert.True(rig.Device.InjectFromCar(Frame(f)));
        for (int i = 0; i < 6; i++)
        {
            var received = rig.Next();
            Assert.False(received.Returned || received.Rejected, $"a car frame came back flagged: {received}");
        }
    }

    [SkippableFact]
    public void AllowedFramesGoToTheCarAndCarFramesEngageThroughTheRxChecks()
    {
        using var rig = Rig.OnSocat();
        var toyota = new ToyotaCar();
        rig.Adapter.SetSafetyMode(SafetyMode.Toyota);
        Drive(rig, toyota);
        rig.Adapter.Send(Frame(toyota.Steer(10, request: true)));
        Assert.True(rig.Next().Rejected);                                  // cruise off: no control
        Assert.Empty(rig.Car.Take());

        toyota.Inputs.Cruise = true;
        Drive(rig, toyota);
        var health = rig.Health();
        Assert.True(health.ControlsAllowed, "the car's cruise-engage edge did not reach the safety model");
        Assert.True(health.RxValid);

        var steer = Frame(toyota.Steer(10, request: true));
        rig.Adapter.Send(steer);
        var echo = rig.Next();
        Assert.True(echo.Returned && !echo.Rejected, $"echo {echo}");
        rig.Adapter.Send(Frame(toyota.Steer(1500, request: true)));      // far above the rate limit
        Assert.True(rig.Next().Rejected);
        var onBus = Assert.Single(rig.Car.Take());                         // only the allowed frame reached the car
        Assert.Equal(steer.ToString(), onBus.ToString());                  // same bus, address, bytes; no flags

        health = rig.Health();
        Assert.Equal((12u, 1u, 2u), (health.RxFrames, health.TxFrames, health.TxBlocked));
    }

    [SkippableFact]
    public void TheDeviceWithdrawsControlWhenTheHostsHeartbeatKeepsSayingItIsNotEngaged()
    {
        using var rig = Rig.OnSocat();
        var toyota = new ToyotaCar();
        rig.Adapter.SetSafetyMode(SafetyMode.Toyota);
        Drive(rig, toyota);
        toyota.Inputs.Cruise = true;
        Drive(rig, toyota);
        for (int i = 0; i < 5; i++) rig.Adapter.Heartbeat(engaged: true);
        Assert.True(rig.Health().ControlsAllowed, "a host that agrees keeps control");
        for (int i = 0; i < 3; i++) rig.Adapter.Heartbeat(engaged: false);
        Assert.False(rig.Health().ControlsAllowed, "three disengaged heartbeats while the device allowed control");
    }

    [SkippableFact]
    public void ACorruptCarFrameWithdrawsControlAndStillReachesTheHost()
    {
        using var rig = Rig.OnSocat();
        var toyota = new ToyotaCar();
        rig.Adapter.SetSafetyMode(SafetyMode.Toyota);
        Drive(rig, toyota);
        toyota.Inputs.Cruise = true;                                       // the engage edge, with every RX check heard
        Drive(rig, toyota);
        Assert.True(rig.Health().ControlsAllowed);

        var corrupt = Frame(toyota.Corrupt(toyota.RxFrames().First(f => f.Address == Toyota.SpeedMessage)));
        Assert.True(rig.Device.InjectFromCar(corrupt));
        Assert.Equal(corrupt.ToString(), rig.Next().ToString());           // the host sees what the bus carried
        var health = rig.Health();
        Assert.False(health.ControlsAllowed);
        Assert.Equal(1u, health.SafetyRxInvalid);
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Device.InjectFromCar(CanFrame.Create(3, 0x10, [1])));
    }

    [SkippableFact]
    public void ServesItsOwnPseudoTerminalThroughAHostReconnectAndNeverWaitsForTheHost()
    {
        string link = Path.Combine(Path.GetTempPath(), $"pilot-bench-{Guid.NewGuid():N}");
        var pty = PseudoTerminal.Open(link);
        Assert.StartsWith("/dev/pts/", pty.Path);
        var options = new BenchDeviceOptions { AllowAllOutput = true, HeartbeatTimeoutUs = 600_000_000 };  // the flood outlasts a 1 s heartbeat
        using (var rig = new Rig(pty, car => new BenchDevice(pty.Master, options, car), pty.HostPath))
        {
            rig.Adapter.SetSafetyMode(SafetyMode.AllOutput);
            rig.Adapter.Heartbeat();
            rig.Adapter.Send(CanFrame.Create(2, 0x321, [3, 2, 1]));
            Assert.True(rig.Next().Returned);
            Assert.Equal("bus 2 0x321 [3] 030201", Assert.Single(rig.Car.Take()).ToString());

            rig.Adapter.Close();                                           // the host goes away; the car keeps talking
            var flood = Task.Run(() =>
            {
                for (int i = 0; i < 20_000; i++) rig.Device.InjectFromCar(CanFrame.Create(0, 0x100, BitConverter.GetBytes((long)i)));
            });
            Assert.True(flood.Wait(TimeSpan.FromSeconds(30)), "the device blocked the car while no host read");

            rig.Adapter.Open();                                            // plugged back in: stale bytes, then live
            var health = rig.Health();
            Assert.True(health.HostOverflows > 0, "20,000 frames without a reader should overflow the tty");
            Assert.Equal(20_000u, health.RxFrames);
            rig.Adapter.Send(CanFrame.Create(1, 0x7AB, [9]));
            CanFrame echo;
            do echo = rig.Next();
            while (echo.Address == 0x100);
            Assert.Equal((0x7ABu, true), (echo.Address, echo.Returned));
        }
        Assert.False(File.Exists(link), "the link outlived the pseudo-terminal");
    }
}
