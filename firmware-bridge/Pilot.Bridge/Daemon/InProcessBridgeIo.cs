using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Daemon;

/// <summary>
/// <see cref="IBridgeIo"/> inside one process: what the daemon publishes is kept for the caller to read, and sendcan
/// and carParams are handed in by the caller. Used where no message bus runs (./pilot bridge run without messaging,
/// tests driving the daemon against the bench device). Thread-safe.
/// </summary>
public sealed class InProcessBridgeIo : IBridgeIo
{
    private readonly Lock _lock = new();
    private readonly List<CanFrame> _can = [];
    private readonly List<SendCanBatch> _sendcan = [];
    private readonly List<BridgeState> _states = [];
    private SafetyConfig? _carParams;

    public int CanMessages { get; private set; }

    public SafetyConfig? CarParams
    {
        get { lock (_lock) return _carParams; }
        set { lock (_lock) _carParams = value; }
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

    public void DrainSendCan(List<SendCanBatch> into)
    {
        lock (_lock)
        {
            into.AddRange(_sendcan);
            _sendcan.Clear();
        }
    }

    /// <summary>Queues a sendcan message as a publisher would.</summary>
    public void SendCan(SendCanBatch batch)
    {
        lock (_lock) _sendcan.Add(batch);
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
