using NetMQ;
using NetMQ.Sockets;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.PubSub.Shm;

namespace Pilot.Messaging.Vision;

/// <summary>A received frame: its descriptor and a zero-copy view of its pixels in shared memory.</summary>
public readonly ref struct VisionFrame
{
    private readonly SharedFramePool _pool;

    internal VisionFrame(SharedFramePool pool, FrameDescriptor descriptor)
    {
        _pool = pool;
        Descriptor = descriptor;
    }

    public FrameDescriptor Descriptor { get; }
    /// <summary>The whole buffer (Y plane, then chroma), read in place from shared memory.</summary>
    public ReadOnlySpan<byte> Data => _pool.Buffer(Descriptor.BufferIndex);
    public ReadOnlySpan<byte> Y => Data[..Descriptor.Geometry.UvOffset];
    public ReadOnlySpan<byte> Chroma => Data[Descriptor.Geometry.UvOffset..];

    /// <summary>
    /// The camera has not reused the buffer since this frame was completed. Check after using the pixels: if false, what
    /// was read may mix two frames and must be discarded.
    /// </summary>
    public bool IsIntact => _pool.ReadSequence(Descriptor.BufferIndex) == Descriptor.Sequence;
}

/// <summary>
/// The reader side of one stream. Receives descriptors, maps the pool the first time (and again when the camera restarts
/// with a new pool), and hands out zero-copy frames. Frames are counted as dropped when their buffer was reused before
/// the reader got to them, or when frame ids jump (descriptors dropped at the queue limit).
/// </summary>
public sealed class VisionClient : IDisposable
{
    public const int QueueLimit = 64;   // descriptors queued per reader; older frames are overwritten anyway (pool ≤ 63)

    private readonly SubscriberSocket? _socket;   // descriptors over NetMQ (tcp, inproc buses) ...
    private readonly ShmTransport? _shm;          // ... or through a shared-memory ring (shm bus)
    private readonly ShmReader[] _ring = [];
    private readonly string _poolPath;
    private SharedFramePool? _pool;
    private Msg _msg, _spare;
    private uint? _lastFrameId;
    private readonly bool _conflate;

    /// <param name="conflate">skip to the newest queued descriptor on every read (a reader that only wants the latest frame)</param>
    public VisionClient(VisionStream stream, Bus? bus = null, bool conflate = false)
    {
        _conflate = conflate;
        bus ??= Bus.FromEnvironment();
        Stream = stream;
        _poolPath = bus.SharedMemoryPath(stream);
        _msg.InitEmpty();
        _spare.InitEmpty();
        if (bus.Transport == Transport.Shm)
        {
            _shm = new ShmTransport(bus);
            _ring = [_shm.OpenReader(bus.RingPath(VisionServer.VisionRingName(stream)), ShmTransport.DescriptorRingBytes, ShmTransport.DescriptorMaxBytes, conflate)];
            return;
        }
        _socket = new SubscriberSocket();
        _socket.Options.ReceiveHighWatermark = QueueLimit;
        _socket.Options.ReconnectInterval = NetMqTransport.ReconnectInterval;
        _socket.Options.Linger = TimeSpan.Zero;
        _socket.Connect(bus.VisionEndpoint(stream));
        _socket.SubscribeToAnyTopic();
    }

    public VisionStream Stream { get; }
    /// <summary>Frames received and handed out.</summary>
    public long Received { get; private set; }
    /// <summary>Frames lost: buffer reused before reading, or frame ids skipped.</summary>
    public long Dropped { get; private set; }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the next frame whose buffer is still intact. Returns false on timeout.
    /// </summary>
    public bool TryReceive(TimeSpan timeout, out VisionFrame frame)
    {
        var deadline = MonoClock.NowNs() + (long)(timeout.TotalMilliseconds * 1e6);
        while (true)
        {
            if (!NextDescriptor(deadline, out var d)) { frame = default; return false; }
            if (_lastFrameId is uint last && d.FrameId > last + 1) Dropped += d.FrameId - last - 1;
            _lastFrameId = d.FrameId;
            var pool = PoolFor(d);
            if (pool is null || pool.ReadSequence(d.BufferIndex) != d.Sequence) { Dropped++; continue; }
            Received++;
            frame = new VisionFrame(pool, d);
            return true;
        }
    }

    /// <summary>The next descriptor (the newest when conflating: skipped ones count as id gaps), waiting until <paramref name="deadline"/> (ns).</summary>
    private bool NextDescriptor(long deadline, out FrameDescriptor descriptor)
    {
        descriptor = default;
        if (_shm is not null)
        {
            ReadOnlySpan<byte> bytes;
            while (!_ring[0].TryRead(out bytes))
            {
                long left = deadline - MonoClock.NowNs();
                if (left <= 0) return false;
                _shm.WaitAny(_ring, (int)Math.Max(1, left / 1_000_000));
            }
            descriptor = FrameDescriptor.Read(bytes);
            return true;
        }
        var wait = TimeSpan.FromTicks(Math.Max(0, (deadline - MonoClock.NowNs()) / 100));
        if (!_socket!.TryReceive(ref _msg, wait)) return false;
        while (_conflate && _socket.TryReceive(ref _spare, TimeSpan.Zero))
            (_msg, _spare) = (_spare, _msg);
        descriptor = FrameDescriptor.Read(_msg.Slice());
        return true;
    }

    /// <summary>The mapped pool the descriptor refers to; null when that pool is gone (a descriptor from before a camera restart).</summary>
    private SharedFramePool? PoolFor(FrameDescriptor d)
    {
        if (_pool is not null && _pool.PoolId == d.PoolId) return _pool;
        _pool?.Dispose();
        _pool = File.Exists(_poolPath) ? SharedFramePool.Open(_poolPath) : null;
        return _pool?.PoolId == d.PoolId ? _pool : null;
    }

    public void Dispose()
    {
        _msg.Close();
        _spare.Close();
        _socket?.Dispose();
        foreach (var r in _ring) r.Dispose();
        _pool?.Dispose();
    }
}
