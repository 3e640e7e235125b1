using System.Diagnostics;
using Pilot.Bridge.Adapters;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Daemon;

/// <summary>Rates and limits of the bridge daemon (ARCHITECTURE.md: can 100 Hz, bridgeState 10 Hz, sendcan max age 1 s).</summary>
public sealed record BridgeOptions
{
    public TimeSpan CanPeriod { get; init; } = TimeSpan.FromMilliseconds(10);        // can batches, 100 Hz
    public TimeSpan StatePeriod { get; init; } = TimeSpan.FromMilliseconds(100);     // bridgeState and heartbeat, 10 Hz
    public TimeSpan SendCanMaxAge { get; init; } = TimeSpan.FromSeconds(1);          // older sendcan is dropped, never sent late
    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(5);           // backoff doubles up to this
    public int MaxBatch { get; init; } = 4096;                                        // frames per can message
}

/// <summary>
/// pandad's job: keeps one device connected (reconnecting with exponential backoff), publishes what it receives in
/// 10 ms batches (one can message every period while connected, empty or not, so consumers see a steady 100 Hz),
/// transmits fresh sendcan the moment it arrives (between periods too: a controls step must not wait up to 10 ms),
/// beats the heartbeat with the host's engagement and reports bridgeState at 10 Hz, and keeps the device's safety
/// mode equal to carParams' (no-output until carParams arrive). Never throws out of <see cref="Run"/> for a device
/// problem: a lost link is counted and retried.
/// </summary>
public sealed class BridgeDaemon(Func<PilotDeviceAdapter> connect, IBridgeIo io, BridgeOptions? options = null)
{
    private readonly BridgeOptions _options = options ?? new BridgeOptions();
    private readonly List<SendCanBatch> _sendcan = [];
    private BridgeState _state;
    private PilotDeviceAdapter? _adapter;
    private SafetyMode? _modeOnDevice;
    private bool _everConnected;

    public BridgeState State => _state;

    private static long NowNs => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    public void Run(CancellationToken cancel)
    {
        var batch = new CanFrame[_options.MaxBatch];
        long period = (long)_options.CanPeriod.TotalNanoseconds;
        long nextState = 0, nextConnect = 0, nextCycle = NowNs;
        var backoff = _options.ReconnectInitial;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                long now = NowNs;
                if (_adapter is null && now >= nextConnect)
                {
                    if (TryConnect()) backoff = _options.ReconnectInitial;
                    else
                    {
                        nextConnect = now + (long)backoff.TotalNanoseconds;
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ReconnectMax.Ticks));
                    }
                }
                Guarded(() => Cycle(batch, now, ref nextState));
                if (_adapter is null && now >= nextState) PublishState(now, ref nextState);
                // Fixed 10 ms steps, not 10 ms after the work: the rate holds. After a stall, resume rather than catch up.
                nextCycle = Math.Max(nextCycle + period, now);
                WaitForNextCycle(nextCycle, cancel);
            }
        }
        finally
        {
            _adapter?.Dispose();
            _adapter = null;
        }
    }

    // Until the next period, sendcan goes out as it arrives.
    private void WaitForNextCycle(long deadline, CancellationToken cancel)
    {
        long left;
        while (!cancel.IsCancellationRequested && (left = deadline - NowNs) > 0)
            if (io.WaitForSendCan(TimeSpan.FromTicks(left / 100)))
                Guarded(() => TransmitSendCan(NowNs));
    }

    // A device problem ends the connection, never the daemon.
    private void Guarded(Action step)
    {
        try
        {
            step();
        }
        catch (Serial.LinkException e)
        {
            Disconnect(e.Message);
        }
        if (_adapter is { IsOpen: false } lost) Disconnect(lost.Failure?.Message ?? "link closed");
    }

    private bool TryConnect()
    {
        PilotDeviceAdapter? adapter = null;
        try
        {
            adapter = connect();
            adapter.Open();
            adapter.Heartbeat();
            _adapter = adapter;
            _modeOnDevice = null;  // a reconnected device may have rebooted silent: set the mode again
            _state.Connected = true;
            if (_everConnected) _state.Reconnects++;
            _everConnected = true;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            adapter?.Dispose();
            _state.ConnectFailures++;
            _state.LastError = e.Message;
            return false;
        }
    }

    private void Disconnect(string reason)
    {
        _state.LastError = reason;
        _state.Connected = false;
        _adapter?.Dispose();
        _adapter = null;
    }

    private void Cycle(CanFrame[] batch, long now, ref long nextState)
    {
        TransmitSendCan(now);  // also takes carParams and the engagement, and discards sendcan while disconnected
        if (_adapter is not { } adapter) return;
        var wanted = io.CarParams ?? new SafetyConfig(SafetyMode.NoOutput);
        if (_modeOnDevice != wanted.Mode)
        {
            adapter.SetSafetyMode(wanted.Mode, wanted.Parameter);
            _modeOnDevice = wanted.Mode;
            _state.RequestedMode = wanted.Mode;
        }

        int count = 0;
        while (count < batch.Length && adapter.TryReceive(out batch[count], TimeSpan.Zero))
        {
            ref var frame = ref batch[count];
            if (frame.Kind == FrameKind.Error) _state.BusErrors++;
            if (frame.Rejected) _state.TxRejected++;
            count++;
        }
        io.PublishCan(batch.AsSpan(0, count), now);
        _state.CanFrames += count;
        _state.CanBatches++;

        if (now >= nextState)
        {
            adapter.Heartbeat(io.HostEngaged);
            adapter.PollHealth();
            PublishState(now, ref nextState);
        }
    }

    private void TransmitSendCan(long now)
    {
        io.Receive(_sendcan);
        long maxAge = (long)_options.SendCanMaxAge.TotalNanoseconds;
        foreach (var message in _sendcan)
        {
            if (message.Invalid is not null)
            {
                _state.SendCanInvalid++;  // a publisher bug must not take the bridge down
                continue;
            }
            if (_adapter is not { } adapter || now - message.MonoTimeNs > maxAge)
            {
                _state.SendCanStale++;  // nothing can be sent, or too late: never send it late after reconnecting
                continue;
            }
            if (Array.Exists(message.Frames, f => f.Bus >= adapter.BusCount))
            {
                _state.SendCanInvalid++;  // a publisher bug must not take the bridge down
                continue;
            }
            adapter.Send(message.Frames);
            _state.SendCanBatches++;
            _state.TxFrames += message.Frames.Length;
        }
        _sendcan.Clear();
    }

    private void PublishState(long now, ref long nextState)
    {
        _state.MonoTimeNs = now;
        _state.Health = _adapter?.LatestHealth;
        _state.ReaderErrors = _adapter?.ReaderStats.Errors ?? _state.ReaderErrors;
        io.PublishState(_state);
        nextState = now + (long)_options.StatePeriod.TotalNanoseconds;
    }
}
