using System.Diagnostics;
using Pilot.Bridge.Adapters;
using Pilot.Bridge.Bench;
using Pilot.Bridge.Daemon;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;
using Pilot.Testing;

namespace Pilot.Bridge.Tests;

/// <summary>The bridge daemon driving the bench device process through a real pty, with in-process pub/sub.</summary>
public sealed class BridgeDaemonTests
{
    private static long NowNs => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    private sealed class Rig : IDisposable
    {
        public PtyPair Pty;
        public BenchDeviceProcess Device;
        public readonly InProcessBridgeIo Io = new();
        public readonly BridgeDaemon Daemon;
        private readonly string[] _deviceArgs;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private readonly string _socat = TestData.RequireTool("socat");

        public Rig(params string[] deviceArgs)
        {
            _deviceArgs = deviceArgs;
            Pty = new PtyPair(_socat);
            Device = new BenchDeviceProcess(Pty.B, deviceArgs);
            string port = Pty.A;
            Daemon = new BridgeDaemon(() => new PilotDeviceAdapter(port), Io,
                new BridgeOptions { ReconnectInitial = TimeSpan.FromMilliseconds(50), ReconnectMax = TimeSpan.FromMilliseconds(200) });
            _thread = new Thread(() => Daemon.Run(_stop.Token)) { IsBackground = true };
            _thread.Start();
        }

        public void Unplug()
        {
            Pty.Unplug();
            Device.WaitForExit(TimeSpan.FromSeconds(5));
            Device.Dispose();
        }

        public void PlugBackIn()
        {
            string directory = Pty.Directory;
            Pty = new PtyPair(_socat, directory);
            Device = new BenchDeviceProcess(Pty.B, _deviceArgs);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            Device.Dispose();
            Pty.Dispose();
            if (Directory.Exists(Pty.Directory)) Directory.Delete(Pty.Directory, recursive: true);  // a plugged-back pair does not own it
        }
    }

    private static void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);  // generous: the whole suite's test hosts share 2 cores
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what}");
            Thread.Sleep(20);
        }
    }

    [SkippableFact]
    public void HoldsNoOutputUntilCarParamsThenSetsTheirModeAndKeepsTheHeartbeat()
    {
        using var rig = new Rig("--heartbeat-timeout-ms", "400");
        Until(() => rig.Io.LatestState?.Health?.SafetyMode == SafetyMode.NoOutput, "no-output before carParams");
        rig.Io.CarParams = new SafetyConfig(SafetyMode.Toyota);
        Until(() => rig.Io.LatestState?.Health?.SafetyMode == SafetyMode.Toyota, "the Toyota mode from carParams");
        int states = rig.Io.StateCount;
        Thread.Sleep(1000);  // well past the device's 400 ms heartbeat timeout
        var state = rig.Io.LatestState!.Value;
        Assert.Equal(SafetyMode.Toyota, state.Health!.Value.SafetyMode);
        Assert.False(state.Health!.Value.HeartbeatLost);
        Assert.True(rig.Io.StateCount > states, "bridgeState stopped");
    }

    [SkippableFact]
    public void TransmitsFreshSendCanPublishesTheEchoesAndDropsStaleBatches()
    {
        using var rig = new Rig("--allow-all-output");
        rig.Io.CarParams = new SafetyConfig(SafetyMode.AllOutput);
        Until(() => rig.Io.LatestState?.Health?.SafetyMode == SafetyMode.AllOutput, "all-output");
        rig.Io.SendCan(new SendCanBatch(NowNs - 2_000_000_000, [CanFrame.Create(0, 0x666, [6])]));  // 2 s old
        rig.Io.SendCan(new SendCanBatch(NowNs, [CanFrame.Create(0, 0x100, [1]), CanFrame.Create(2, 0x200, [2, 2])]));
        rig.Io.SendCan(new SendCanBatch(NowNs, [CanFrame.Create(5, 0x300, [3])]));  // no bus 5: refused, not fatal
        var echoes = new List<CanFrame>();
        Until(() => { echoes.AddRange(rig.Io.TakeCan()); return echoes.Count >= 2; }, "the echoes on can");
        Assert.Equal([0x100u, 0x200u], echoes.Select(f => f.Address));
        Assert.All(echoes, f => Assert.True(f.Returned));
        Until(() => rig.Io.LatestState is { TxFrames: 2, CanFrames: >= 2 }, "the counters");  // echoes arrive a cycle after the send
        var state = rig.Io.LatestState!.Value;
        Assert.Equal(1, state.SendCanStale);
        Assert.Equal(1, state.SendCanInvalid);
        Assert.Equal(1, state.SendCanBatches);
        Assert.True(state.CanBatches >= 1, $"{state.CanBatches} can batches");
        Assert.DoesNotContain(rig.Io.TakeCan(), f => f.Address == 0x666);
    }

    [SkippableFact]
    public void RefusedFramesAreCountedFromTheRejectedEchoes()
    {
        using var rig = new Rig();
        rig.Io.CarParams = new SafetyConfig(SafetyMode.Toyota);
        Until(() => rig.Io.LatestState?.Health?.SafetyMode == SafetyMode.Toyota, "Toyota");
        rig.Io.SendCan(new SendCanBatch(NowNs, [CanFrame.Create(0, 0x2E4, [1, 0, 100, 0, 0])]));  // torque without control
        Until(() => rig.Io.LatestState?.TxRejected == 1, "the rejected echo");
        Until(() => rig.Io.LatestState?.Health?.TxBlockedWithoutControls == 1, "the device's count");
    }

    [SkippableFact]
    public void ReconnectsWithBackoffAfterAnUnplugAndRestoresTheMode()
    {
        using var rig = new Rig();
        rig.Io.CarParams = new SafetyConfig(SafetyMode.HondaBosch);
        Until(() => rig.Io.LatestState?.Health?.SafetyMode == SafetyMode.HondaBosch, "Honda Bosch");
        rig.Unplug();
        Until(() => rig.Io.LatestState is { Connected: false, ConnectFailures: >= 2 }, "failed reconnect attempts");
        Assert.NotNull(rig.Io.LatestState!.Value.LastError);
        rig.PlugBackIn();
        Until(() => rig.Io.LatestState is { Connected: true, Reconnects: 1 }, "the reconnect");
        Until(() => rig.Io.LatestState?.Health?.SafetyMode == SafetyMode.HondaBosch, "the mode set again on the new device");
    }
}
