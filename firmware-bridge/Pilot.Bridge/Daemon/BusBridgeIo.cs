using Pilot.Bridge.Adapters;
using Pilot.Bridge.Protocol;
using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using CanFrame = Pilot.Bridge.Protocol.CanFrame;
using EventBridgeState = Pilot.Messaging.Events.BridgeState;

namespace Pilot.Bridge.Daemon;

/// <summary>
/// <see cref="IBridgeIo"/> on the message bus (NetMQ + Cap'n Proto Events): publishes <c>can</c> and
/// <c>bridgeState</c>, takes every <c>sendcan</c>, the newest <c>carParams</c> (its first safety config: the bridge
/// drives one device) and the newest <c>selfdriveState</c> (enabled = the host is engaged). Frame flags follow pandad:
/// an echo of a transmitted frame has bus + 128, a refused one bus + 192. One message buffer, reused.
/// </summary>
public sealed class BusBridgeIo : IBridgeIo, IDisposable
{
    public const byte ReturnedBusOffset = 128, RejectedBusOffset = 192;
    private static readonly string[] Published = ["can", "bridgeState"];
    private readonly ITransport _transport;
    private readonly PubMaster _pub;
    private readonly ISubscriber _sendcan, _carParams, _selfdrive;
    private readonly ISubscriber[] _sendcanOnly;
    private readonly MessageBuilder _message = new();
    private readonly uint[] _busRx = new uint[PilotDeviceAdapter.Buses], _busTx = new uint[PilotDeviceAdapter.Buses];
    private readonly long _engagedTimeoutNs;
    private bool _enabled;
    private long _selfdriveAtNs;

    public BusBridgeIo(ITransport transport)
    {
        _transport = transport;
        _pub = new PubMaster(Published, transport);
        _sendcan = transport.Subscribe(Services.Get("sendcan"), conflate: false);
        _carParams = transport.Subscribe(Services.Get("carParams"), conflate: true);
        var selfdrive = Services.Get("selfdriveState");
        _selfdrive = transport.Subscribe(selfdrive, conflate: true);
        _engagedTimeoutNs = (long)(ServiceState.AlivePeriods * selfdrive.Period * 1e9);  // a dead controlsd is not engaged
        _sendcanOnly = [_sendcan];
    }

    public SafetyConfig? CarParams { get; private set; }

    public bool HostEngaged => _enabled && _transport.NowNs() - _selfdriveAtNs < _engagedTimeoutNs;

    public void PublishCan(ReadOnlySpan<CanFrame> frames, long monoTimeNs)
    {
        int data = 0;
        foreach (ref readonly var frame in frames)
            if (frame.Kind != FrameKind.Error) data++;  // bus errors are counted in bridgeState, not frames on a bus
        var list = Root().InitCan(data);
        int i = 0;
        foreach (var frame in frames)
        {
            if (frame.Kind == FrameKind.Error) continue;
            var copy = frame;
            var item = list[i++];
            item.SetAddress(copy.Address);
            item.SetData(copy.Data);
            item.SetBus((byte)(copy.Bus + (copy.Rejected ? RejectedBusOffset : copy.Returned ? ReturnedBusOffset : 0)));
            item.SetExtended(copy.Extended);
            item.SetFd(copy.Fd);
            item.SetBitRateSwitch(copy.BitrateSwitch);
            if (copy.Bus < _busRx.Length && !copy.Rejected) (copy.Returned ? _busTx : _busRx)[copy.Bus]++;
        }
        _pub.Send("can", _message);
    }

    public void PublishState(in BridgeState state)
    {
        var s = Root().InitBridgeState();
        s.SetConnected(state.Connected);
        s.SetReconnects((uint)state.Reconnects);
        s.SetConnectFailures((uint)state.ConnectFailures);
        var (requested, requestedParameter) = SafetyConfigs.ToCarParams(state.RequestedMode);
        s.SetRequestedSafetyModel(requested);
        s.SetRequestedSafetyParam(requestedParameter);
        s.SetCanFrames((ulong)state.CanFrames);
        s.SetSendcanTxFrames((ulong)state.TxFrames);
        s.SetSendcanStale((uint)state.SendCanStale);
        s.SetSendcanInvalid((uint)state.SendCanInvalid);
        s.SetTxRejected((ulong)state.TxRejected);
        s.SetLinkErrors((uint)state.ReaderErrors);
        s.SetLastError(state.LastError ?? "");
        var buses = s.InitBuses(_busRx.Length);
        for (int bus = 0; bus < _busRx.Length; bus++)
        {
            buses[bus].SetRxCount(_busRx[bus]);
            buses[bus].SetTxCount(_busTx[bus]);
        }
        if (state.Health is { } h) WriteHealth(s, buses, h);
        _pub.Send("bridgeState", _message, valid: state.Connected);
    }

    // Every field of the device's own report.
    private static void WriteHealth(EventBridgeState.Builder s, Pilot.Capnp.Schema.Views.StructListBuilder<EventBridgeState.BusCounters.Builder> buses, in DeviceHealth h)
    {
        s.SetBridgeType(h.Bench ? EventBridgeState.BridgeType.Bench : EventBridgeState.BridgeType.PilotDevice);
        s.SetUptime(h.UptimeMs / 1000);
        var (model, parameter) = SafetyConfigs.ToCarParams(h.SafetyMode);
        s.SetSafetyModel(model);
        s.SetSafetyParam(parameter);
        s.SetControlsAllowed(h.ControlsAllowed);
        s.SetHeartbeatLost(h.HeartbeatLost);
        s.SetRxValid(h.RxValid);
        s.SetSafetyRxInvalid(h.SafetyRxInvalid);
        s.SetSafetyTxBlocked(h.TxBlocked);
        s.SetSafetyTxBlockedWithoutControls(h.TxBlockedWithoutControls);
        s.SetSafetyRxTimeouts(h.RxTimeouts);
        s.SetHeartbeatTimeouts(h.HeartbeatTimeouts);
        s.SetHostPacketErrors(h.HostPacketErrors);
        s.SetHostOverflows(h.HostOverflows);
        s.SetBenchFaults(h.ActiveFaults);
        s.SetDeviceRxFrames(h.RxFrames);
        s.SetDeviceTxFrames(h.TxFrames);
        for (int bus = 0; bus < buses.Count; bus++) buses[bus].SetBusOff((h.BusOffMask & (1 << bus)) != 0);
        int faults = (h.HeartbeatLost ? 1 : 0) + (h.BusOffMask != 0 ? 1 : 0);
        var list = s.InitFaults(faults);
        int i = 0;
        if (h.HeartbeatLost) list[i++] = EventBridgeState.Fault.HeartbeatTimeout;
        if (h.BusOffMask != 0) list[i] = EventBridgeState.Fault.BusOff;
    }

    public void Receive(List<SendCanBatch> sendcan)
    {
        while (_sendcan.TryReceive(out var message)) sendcan.Add(SendCanMessages.Parse(message));
        if (_carParams.TryReceive(out var carParams)) CarParams = ReadCarParams(carParams) ?? CarParams;
        if (_selfdrive.TryReceive(out var selfdrive))
        {
            _enabled = Read(selfdrive)?.SelfdriveState.Enabled ?? false;
            _selfdriveAtNs = _transport.NowNs();
        }
    }

    public bool WaitForSendCan(TimeSpan timeout) => _transport.WaitAny(_sendcanOnly, (int)Math.Ceiling(timeout.TotalMilliseconds));

    // No safety config at all means the car wants nothing sent; an unreadable message changes nothing.
    private static SafetyConfig? ReadCarParams(byte[] message)
    {
        if (Read(message) is not { } ev) return null;
        var configs = ev.CarParams.SafetyConfigs;
        return configs.Count == 0 ? new SafetyConfig(Safety.SafetyMode.NoOutput)
            : SafetyConfigs.FromCarParams(configs[0].SafetyModel, configs[0].SafetyParam);
    }

    private static Event.Reader? Read(byte[] message)
    {
        try
        {
            return new Event.Reader(MessageReader.ReadFramed(message).Root);
        }
        catch (CapnpException)
        {
            return null;
        }
    }

    private Event.Builder Root()
    {
        _message.Reset();
        return new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
    }

    public void Dispose()
    {
        _pub.Dispose();
        _sendcan.Dispose();
        _carParams.Dispose();
        _selfdrive.Dispose();
    }
}
