using System.Diagnostics;
using Pilot.Bridge.Bench;
using Pilot.Bridge.Daemon;
using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Testing;
using BridgeState = Pilot.Messaging.Events.BridgeState;
using CarSafetyModel = Pilot.Messaging.Events.CarParams.SafetyModel;

namespace Pilot.Bridge.Tests;

/// <summary>
/// End to end with real processes: the bench device process on one end of a socat pty, <c>pilot bridge run</c> on the
/// other, and this test on the message bus (its own port range) as card and controlsd would be.
/// </summary>
public sealed class BridgeBusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);  // generous: 2 shared cores

    private sealed class Rig : IDisposable
    {
        public readonly PtyPair Pty = new(TestData.RequireTool("socat"));
        public readonly BenchDeviceProcess Device;
        public readonly Process Bridge;
        public readonly NetMqTransport Transport;
        public readonly PubMaster Pub;
        public readonly ISubscriber Can, State;
        private readonly List<string> _output = [];

        public Rig()
        {
            var bus = RandomBus();
            Transport = new NetMqTransport(bus);
            Device = new BenchDeviceProcess(Pty.B, "--allow-all-output");
            var start = new ProcessStartInfo("dotnet", [TestData.Cli, "bridge", "run", "--port", Pty.A])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["PILOT_PORT_BASE"] = bus.PortBase.ToString(), ["PILOT_TRANSPORT"] = "tcp" },
            };
            Bridge = Process.Start(start)!;
            Bridge.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
            Bridge.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
            Bridge.BeginOutputReadLine();
            Bridge.BeginErrorReadLine();
            Pub = new PubMaster(["sendcan", "carParams", "selfdriveState"], Transport);
            Can = Transport.Subscribe(Services.Get("can"), conflate: false);
            State = Transport.Subscribe(Services.Get("bridgeState"), conflate: true);
        }

        public string Output
        {
            get { lock (_output) return string.Join('\n', _output); }
        }

        /// <summary>Repeats <paramref name="act"/> (a publisher's message may miss a subscriber still connecting) until <paramref name="done"/>.</summary>
        public void Until(Action act, Func<bool> done, string what)
        {
            var stop = Stopwatch.StartNew();
            while (true)
            {
                act();
                Transport.WaitAny([Can, State], 50);
                if (done()) return;
                if (stop.Elapsed > Deadline || Bridge.HasExited)
                    throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; bridge exited: {Bridge.HasExited}; output:\n{Output}");
            }
        }

        public BridgeState.Reader? LatestState()
        {
            BridgeState.Reader? latest = null;
            while (State.TryReceive(out var m)) latest = Read(m).BridgeState;
            return latest;
        }

        public void PublishCarParams(CarSafetyModel model, ushort parameter = 0)
        {
            var message = new MessageBuilder();
            var configs = Root(message).InitCarParams().InitSafetyConfigs(1);
            configs[0].SetSafetyModel(model);
            configs[0].SetSafetyParam(parameter);
            Pub.Send("carParams", message);
        }

        public void PublishEngaged(bool enabled)
        {
            var message = new MessageBuilder();
            Root(message).InitSelfdriveState().SetEnabled(enabled);
            Pub.Send("selfdriveState", message);
        }

        public void PublishSendCan(uint address, byte[] data, int bus = 0)
        {
            var message = new MessageBuilder();
            var frames = Root(message).InitSendcan(1);
            frames[0].SetAddress(address);
            frames[0].SetData(data);
            frames[0].SetBus((byte)bus);
            Pub.Send("sendcan", message);
        }

        public void Dispose()
        {
            if (!Bridge.HasExited) Bridge.Kill();
            Bridge.WaitForExit();
            Bridge.Dispose();
            Can.Dispose();
            State.Dispose();
            Pub.Dispose();
            Device.Dispose();
            Pty.Dispose();
        }
    }

    // A port range of its own (tests run beside each other and beside a live system on the default ports).
    private static Bus RandomBus() => new(Messaging.Transport.Tcp, PortBase: 20_000 + Random.Shared.Next(0, 40) * 300);

    private static Event.Builder Root(MessageBuilder message) => new(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));

    private static Event.Reader Read(byte[] message) => new(MessageReader.ReadFramed(message).Root);

    private static IEnumerable<(uint Address, byte Bus, byte[] Data)> Frames(ISubscriber can)
    {
        while (can.TryReceive(out var m))
            foreach (var f in Read(m).Can) yield return (f.Address, f.Bus, f.Data.ToArray());
    }

    [SkippableFact]
    public void PublishesCanAndBridgeStateAndAppliesSendCanPerTheSafetyModeFromCarParams()
    {
        using var rig = new Rig();
        BridgeState.Reader? state = null;
        rig.Until(() => { }, () => (state = rig.LatestState() ?? state) is { Connected: true, SafetyModel: CarSafetyModel.NoOutput }, "bridgeState: connected, no-output before carParams");
        Assert.Equal(BridgeState.BridgeType.Bench, state!.Value.BridgeType);
        int canMessages = 0;
        rig.Until(() => { }, () => { while (rig.Can.TryReceive(out _)) canMessages++; return canMessages >= 20; }, "can messages every 10 ms");

        rig.Until(() => rig.PublishCarParams(CarSafetyModel.AllOutput), () => rig.LatestState() is { SafetyModel: CarSafetyModel.AllOutput }, "all-output from carParams");
        var seen = new List<(uint Address, byte Bus, byte[] Data)>();
        rig.Until(() => rig.PublishSendCan(0x123, [1, 2, 3], bus: 1), () => { seen.AddRange(Frames(rig.Can)); return seen.Any(f => f.Address == 0x123); }, "the echo of a sendcan frame");
        var echo = seen.First(f => f.Address == 0x123);
        Assert.Equal((byte)(1 + BusBridgeIo.ReturnedBusOffset), echo.Bus);   // transmitted on bus 1
        Assert.Equal([1, 2, 3], echo.Data);

        // Toyota: steering torque without control is refused by the device and comes back flagged.
        rig.Until(() => rig.PublishCarParams(CarSafetyModel.Toyota), () => rig.LatestState() is { SafetyModel: CarSafetyModel.Toyota }, "Toyota from carParams");
        seen.Clear();
        byte[] steer = [0x01, 0x00, 0x64, 0x00, 0x00];                     // STEERING_LKA, request bit and torque 100
        rig.Until(() => rig.PublishSendCan(0x2E4, steer), () => { seen.AddRange(Frames(rig.Can)); return seen.Any(f => f.Address == 0x2E4); }, "the refused echo");
        Assert.Equal((byte)(0 + BusBridgeIo.RejectedBusOffset), seen.First(f => f.Address == 0x2E4).Bus);
        rig.Until(() => { }, () => rig.LatestState() is { SafetyTxBlocked: > 0, SafetyTxBlockedWithoutControls: > 0, ControlsAllowed: false, SendcanTxFrames: > 1 }, "the device's refusal counted in bridgeState");
    }

    [SkippableFact]
    public void StaleAndMalformedSendCanAreCountedAndNeverSent()
    {
        using var rig = new Rig();
        rig.Until(() => rig.PublishCarParams(CarSafetyModel.AllOutput), () => rig.LatestState() is { SafetyModel: CarSafetyModel.AllOutput }, "all-output");
        var stale = new MessageBuilder();
        var frames = new Event.Builder(stale.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitSendcan(1);
        frames[0].SetAddress(0x666);
        frames[0].SetData([6]);
        rig.Until(() =>
        {
            var root = new Event.Builder(stale.GetRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
            root.SetLogMonoTime((ulong)(rig.Transport.NowNs() - 2_000_000_000L));  // 2 s old: a replay or a stalled publisher
            rig.Pub.SendRaw("sendcan", Framed(stale));
            rig.PublishSendCan(0x100, [1], bus: 7);                        // the control bus: never from sendcan
        }, () => rig.LatestState() is { SendcanStale: > 0, SendcanInvalid: > 0 }, "stale and invalid sendcan counted");
        Assert.DoesNotContain(Frames(rig.Can), f => f.Address == 0x100);
    }

    [Fact]
    public void TheHostIsEngagedWhileSelfdriveStateSaysEnabledAndIsFresh()
    {
        var transport = new NetMqTransport(RandomBus());
        using var io = new BusBridgeIo(transport);
        using var pub = new PubMaster(["selfdriveState"], transport);
        var message = new MessageBuilder();
        var sendcan = new List<SendCanBatch>();
        void Settles(bool enabled)
        {
            var stop = Stopwatch.StartNew();
            do
            {
                Root(message).InitSelfdriveState().SetEnabled(enabled);
                pub.Send("selfdriveState", message);
                Thread.Sleep(10);
                io.Receive(sendcan);
                Assert.True(stop.Elapsed < Deadline, $"the host never read as engaged={enabled}");
            }
            while (io.HostEngaged != enabled);
        }
        Settles(true);
        Settles(false);
        Settles(true);
        Thread.Sleep(300);                                                 // controlsd silent for 30 of its periods
        Assert.False(io.HostEngaged, "a silent controlsd still counted as engaged");
        Assert.Empty(sendcan);
    }

    private static byte[] Framed(MessageBuilder message)
    {
        var stream = new MemoryStream();
        message.WriteFramed(stream);
        return stream.ToArray();
    }
}
