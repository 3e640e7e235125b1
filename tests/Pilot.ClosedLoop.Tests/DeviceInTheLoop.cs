using System.Runtime.InteropServices;
using Pilot.Bridge.Daemon;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;
using Pilot.Messaging.PubSub;
using Pilot.Sim.World;
using CarFrame = Pilot.Can.Packing.CanFrame;

namespace Pilot.ClosedLoop.Tests;

/// <summary>
/// The CAN interface device of a fast closed loop: between the simulated car's buses and the host bus sits the same
/// <see cref="SafetyModel"/> the device firmware runs, fed by the bridge's own bus side (<see cref="BusBridgeIo"/>:
/// <c>can</c>, <c>sendcan</c>, <c>carParams</c>, <c>bridgeState</c>). Only the serial link is left out, so a whole
/// drive runs on simulated time. Steps the world too: the car and its device share the 100 Hz tick.
/// </summary>
internal sealed class DeviceInTheLoop : IDisposable
{
    private const long MaxSendCanAgeNs = 1_000_000_000;    // ARCHITECTURE.md: the bridge drops sendcan older than 1 s
    private const long StatePeriodNs = 100_000_000;        // bridgeState at 10 Hz
    private readonly SimWorld _world;
    private readonly BusBridgeIo _io;
    private readonly SafetyModel _safety = new();
    private readonly List<SendCanBatch> _sendcan = [];
    private readonly List<CarFrame> _toCar = [], _fromCar = [];
    private readonly CanFrame[] _toHost = new CanFrame[512];
    private SafetyConfig? _config;
    private long _lastStateNs = -StatePeriodNs;   // the first step publishes
    private BridgeState _state;

    public DeviceInTheLoop(SimWorld world, ITransport bus)
    {
        _world = world;
        _io = new BusBridgeIo(bus);
    }

    public SafetyModel Safety => _safety;

    /// <summary>Host frames the safety model refused since start, by address.</summary>
    public Dictionary<uint, long> Refused { get; } = [];

    public void Step(long nowNs)
    {
        long nowUs = nowNs / 1000;
        _sendcan.Clear();
        _io.Receive(_sendcan);
        if (_io.CarParams is { } config && config != _config && _safety.SetMode(config.Mode, nowUs)) _config = config;
        _safety.Heartbeat(nowUs, _io.HostEngaged);
        foreach (var batch in _sendcan)
        {
            if (batch.Invalid is not null || nowNs - batch.MonoTimeNs > MaxSendCanAgeNs) continue;
            foreach (var f in batch.Frames)
            {
                if (_safety.Tx(f.Bus, f.Address, f.Data, nowUs)) _toCar.Add(new CarFrame(f.Address, f.Data.ToArray(), f.Bus));
                else Refused[f.Address] = Refused.GetValueOrDefault(f.Address) + 1;
            }
        }
        _world.DeliverFromHost(CollectionsMarshal.AsSpan(_toCar));
        _toCar.Clear();
        _world.Step(0.01);
        _world.CollectToHost(_fromCar);
        int n = 0;
        foreach (var f in _fromCar)
        {
            _safety.Rx(f.Bus, f.Address, f.Data, nowUs);
            if (n < _toHost.Length) _toHost[n++] = CanFrame.Create(f.Bus, f.Address, f.Data);
        }
        _fromCar.Clear();
        _io.PublishCan(_toHost.AsSpan(0, n), nowNs);
        _safety.Tick(nowUs);
        if (nowNs - _lastStateNs >= StatePeriodNs) PublishState(nowNs, nowUs);
    }

    private void PublishState(long nowNs, long nowUs)
    {
        _lastStateNs = nowNs;
        _state.MonoTimeNs = nowNs;
        _state.Connected = true;
        _state.RequestedMode = _config?.Mode ?? SafetyMode.Silent;
        _state.Health = DeviceHealth.FromSafety(_safety, (uint)(nowUs / 1000), bench: true);
        _io.PublishState(_state);
    }

    public void Dispose() => _io.Dispose();
}
