using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Adapters;

/// <summary>
/// A bounded single-consumer ring of received frames, filled by an adapter's reader thread. When the consumer falls
/// behind the newest frames are dropped and counted (older frames are already in flight to the host's logic).
/// Allocation-free after construction.
/// </summary>
public sealed class FrameQueue(int capacity = FrameQueue.DefaultCapacity)
{
    public const int DefaultCapacity = 8192;   // frames: ~1.5 s of three busy 500 kbit/s buses
    private readonly CanFrame[] _ring = new CanFrame[capacity];
    private readonly object _lock = new();  // a monitor: Wait/Pulse need it
    private int _head, _count;
    private bool _closed;

    public long Overflows { get; private set; }

    public void Add(in CanFrame frame)
    {
        lock (_lock)
        {
            if (_count == _ring.Length)
            {
                Overflows++;
                return;
            }
            _ring[(_head + _count) % _ring.Length] = frame;
            _count++;
            if (_count == 1) Monitor.Pulse(_lock);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/>; false on timeout or once closed and drained.</summary>
    public bool TryTake(out CanFrame frame, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_count == 0 && !_closed) Monitor.Wait(_lock, timeout);
            if (_count == 0)
            {
                frame = default;
                return false;
            }
            frame = _ring[_head];
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }

    /// <summary>Wakes a waiting consumer for good (the link is gone).</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Monitor.PulseAll(_lock);
        }
    }

    public void Reopen()
    {
        lock (_lock)
        {
            _closed = false;
            _head = _count = 0;
        }
    }
}
