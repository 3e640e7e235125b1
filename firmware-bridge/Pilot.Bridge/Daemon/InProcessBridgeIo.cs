using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Daemon;

/// <summary>
/// <see cref="IBridgeIo"/> inside one process: what the daemon publishes is kept for the caller to read, and sendcan
/// and carParams are handed in by the caller. Used where no message bus runs (./pilot bridge run without messaging,
/// tests driving the daemon against the bench device). Thread-safe.
/// </summary>
public sealed class InProcessBridgeIo : IBridgeIo
{
    private readonly object _lock = new();  // a monitor: WaitForSendCan waits on it
    private readonly List<CanFrame> _can = [];
    private readonly List<SendCanBatch> _sendcan = [];
    private readonly List<BridgeState> _states = [];
    private SafetyConfig? _carParams;
    private bool _hostEngaged;

    public int CanMessages { get; private set; }

    public SafetyConfig? CarParams
    {
        get { lock (_lock) return _carParams; }
        set { lock (_lock) _carParams = value; }
    }

    public bool HostEngaged
    {
        get { lock (_lock) return _hostEngaged; }
        set { lock (_lock) _hostEngaged = value; }
    }

    public void PublishCan(ReadOnlySpan<CanFrame> frames, long monoTimeNs)
    {
        lock (_lock)
        {
            foreach (var frame in frames) _can.Add(frame);
            CanMessages++;
        }
    }

    public void PublishState(in BridgeState state)
    {
        lock (_lock) _states.Add(state);
    }

    public void Receive(List<SendCanBatch> sendcan)
    {
        lock (_lock)
        {
            sendcan.AddRange(_sendcan);
            _sendcan.Clear();
        }
    }

    public bool WaitForSendCan(TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_sendcan.Count == 0) Monitor.Wait(_lock, timeout);
            return _sendcan.Count > 0;
        }
    }

    /// <summary>Queues a sendcan message as a publisher would.</summary>
    public void SendCan(SendCanBatch batch)
    {
        lock (_lock)
        {
            _sendcan.Add(batch);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Takes every frame published on can so far.</summary>
    public List<CanFrame> TakeCan()
    {
        lock (_lock)
        {
            var copy = _can.ToList();
            _can.Clear();
            return copy;
        }
    }

    public BridgeState? LatestState
    {
        get { lock (_lock) return _states.Count > 0 ? _states[^1] : null; }
    }

    public int StateCount
    {
        get { lock (_lock) return _states.Count; }
    }
}
