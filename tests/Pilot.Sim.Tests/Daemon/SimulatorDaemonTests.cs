using Pilot.Bridge.Adapters;
using Pilot.Bridge.Safety;
using Pilot.Can.Packing;
using Pilot.Messaging.PubSub;
using Pilot.Sim.Car;
using Pilot.Sim.Daemon;
using DeviceFrame = Pilot.Bridge.Protocol.CanFrame;

namespace Pilot.Sim.Tests.Daemon;

/// <summary>The daemon on a simulated clock, the host on the real pseudo-terminal its bench device serves.</summary>
public class SimulatorDaemonTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void TheHostEngagesTheNidecSafetyModelThroughTheCarsTrafficAndSteersTheCar()
    {
        var transport = new StepTransport();
        using var sim = new SimulatorDaemon(transport, new SimulatorOptions { Scenario = "brake-disengage", Car = CarCans.HondaCivic, WaitFor = [] });
        Assert.StartsWith("/dev/pts/", sim.DevicePath);
        using var host = new PilotDeviceAdapter(sim.DevicePath!);
        host.Open();
        host.SetSafetyMode(SafetyMode.HondaNidec, (ushort)SafetyMode.HondaNidec);
        host.Heartbeat();
        Assert.NotNull(host.RequestHealth(Wait));   // the mode is applied before the car's traffic starts

        var packer = new CanPacker(DbcFiles.Load(DbcFiles.HondaCivic));
        long now = 0;
        int torque = 0;
        bool steered = false;
        double maxAngle = 0;
        for (int i = 0; i < 300; i++)
        {
            transport.AdvanceTo(now += 10_000_000);
            sim.Step();
            // The device withdraws control after three beats in a row from a host saying it is not engaged, and the
            // beats reach it on its own thread: the host says engaged from the driver's SET press on, so no beat still
            // in the pty when cruise engages (on the button's release) says otherwise. Every fifth step, so a loaded
            // machine cannot stretch the beats past the 1 s timeout.
            if (i % 5 == 0) host.Heartbeat(engaged: sim.World.Time >= Pilot.Sim.Driver.DriverModel.SetAtS);
            if (sim.World.Time > 1.5)
            {
                torque = Math.Max(torque - 40, -400);   // within the device's 40-per-frame rate limit
                var f = packer.Pack("STEERING_CONTROL", new Dictionary<string, double> { ["STEER_TORQUE"] = torque, ["STEER_TORQUE_REQUEST"] = 1 });
                host.Send(DeviceFrame.Create(f.Bus, f.Address, f.Data));
            }
            Thread.Sleep(2);                             // let the device thread pass the host's frames on
            // The device passes frames on its own thread: judge the whole drive, not the last instant.
            steered |= sim.World.Car.SteerActive;
            maxAngle = Math.Max(maxAngle, sim.World.State.SteeringAngleDeg);
        }
        var health = host.RequestHealth(Wait);
        Assert.NotNull(health);
        var h = health!.Value;
        Assert.True(h.ControlsAllowed, $"controls not allowed: mode {h.SafetyMode}, heartbeat lost {h.HeartbeatLost}, RX valid {h.RxValid}, RX timeouts {h.RxTimeouts}");
        Assert.True(sim.World.Cruise.Engaged);
        Assert.True(steered, "no steering request reached the EPS");
        Assert.True(maxAngle > 1, $"the wheel turned left by {maxAngle}° at most");
        Assert.Null(sim.DeviceFailure);

        // The host receives the car's traffic as received frames, decodable through the DBC.
        var speeds = new List<double>();
        var engineData = packer.Database.GetMessage("ENGINE_DATA");
        while (host.TryReceive(out var frame, TimeSpan.Zero))
        {
            if (frame.Returned || frame.Rejected || frame.Address != engineData.FrameId) continue;
            var values = new double[engineData.Signals.Count];
            engineData.Codec.Decode(frame.Data, values);
            speeds.Add(values[engineData.GetSignal("XMISSION_SPEED").Index]);
        }
        Assert.True(speeds.Count >= 250, $"{speeds.Count} ENGINE_DATA frames");
        Assert.Equal(sim.World.Ego.Speed * 3.6, speeds[^1], 0.05);

        var states = transport.Collect().Where(p => p.Service.Name == "simulatorState").ToList();
        Assert.Equal(300, states.Count);
    }

    [Fact]
    public void TheScenarioWaitsForTheStackWhileTheCarKeepsTalking()
    {
        var transport = new StepTransport();
        using var sim = new SimulatorDaemon(transport, new SimulatorOptions { Scenario = "highway", BenchDevice = false, WaitFor = ["controlsState"] });
        long now = 0;
        for (int i = 0; i < 100; i++)
        {
            transport.AdvanceTo(now += 10_000_000);
            sim.Step();
        }
        Assert.False(sim.Started);
        Assert.Equal(0, sim.World.Time);
        Assert.Equal(30, sim.World.Ego.Speed);
        var frames = new List<CanFrame>();
        sim.World.CollectToHost(frames);
        Assert.Empty(frames);                                  // the daemon handed every frame on each step
        Assert.Equal(990_000_000, sim.World.TimeNs);           // the car's clock ran: its buses kept going
    }

    [Fact]
    public void TheRealTimeFactorScalesSimulatedTime()
    {
        var transport = new StepTransport();
        using var sim = new SimulatorDaemon(transport, new SimulatorOptions { Scenario = "highway", BenchDevice = false, WaitFor = [], Speed = 2 });
        long now = 0;
        for (int i = 0; i < 101; i++)
        {
            transport.AdvanceTo(now += 10_000_000);
            sim.Step();
        }
        Assert.Equal(2.0, sim.World.Time, 1e-9);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorDaemon(transport, new SimulatorOptions { Speed = 0, BenchDevice = false }));
    }
}
