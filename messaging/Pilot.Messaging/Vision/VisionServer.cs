using NetMQ;
using NetMQ.Sockets;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.PubSub.Shm;

namespace Pilot.Messaging.Vision;

/// <summary>
/// The camera side of one stream: owns the shared-memory pool and publishes a <see cref="FrameDescriptor"/> per frame.
/// Buffers are reused round-robin whatever the readers do, so the camera never waits; a reader that is too slow finds its
/// buffer's sequence number changed and counts the frame as dropped.
/// </summary>
public sealed class VisionServer : IDisposable
{
    public const int DefaultBufferCount = 8;   // 400 ms at 20 Hz: a reader may lag this much before losing frames

    private readonly PublisherSocket? _socket;   // descriptors over NetMQ (tcp, inproc buses) ...
    private readonly ShmWriter? _ring;           // ... or through a shared-memory ring (shm bus)
    private readonly VisionStream _stream;
    private readonly byte[] _descriptor = new byte[FrameDescriptor.Size];
    private int _next;
    private int _writing = -1;

    public SharedFramePool Pool { get; }

    public VisionServer(VisionStream stream, FrameGeometry geometry, int bufferCount = DefaultBufferCount, Bus? bus = null)
    {
        bus ??= Bus.FromEnvironment();
        _stream = stream;
        Pool = SharedFramePool.Create(bus.SharedMemoryPath(stream), geometry, bufferCount);
        if (bus.Transport == Transport.Shm) _ring = new ShmTransport(bus).OpenWriter(bus.RingPath(VisionRingName(stream)), ShmTransport.DescriptorRingBytes, ShmTransport.DescriptorMaxBytes);
        else _socket = NetMqTransport.BindPublisher(bus.VisionEndpoint(stream));
    }

    /// <summary>Takes the next buffer for the camera to fill (the oldest one; readers still on it will see it change).</summary>
    public Span<byte> Acquire()
    {
        if (_writing >= 0) throw new InvalidOperationException($"{_stream}: Acquire called twice without Publish");
        _writing = _next;
        _next = (_next + 1) % Pool.BufferCount;
        return Pool.BeginWrite(_writing);
    }

    /// <summary>Completes the acquired buffer and sends its descriptor.</summary>
    public FrameDescriptor Publish(uint frameId, ulong timestampSof, ulong timestampEof)
    {
        if (_writing < 0) throw new InvalidOperationException($"{_stream}: Publish without Acquire");
        ulong seq = Pool.EndWrite(_writing);
        var d = new FrameDescriptor(Pool.PoolId, _stream.Index, _writing, frameId, seq, timestampSof, timestampEof, Pool.Geometry,
            (ulong)MonoClock.NowNs());
        _writing = -1;
        d.Write(_descriptor);
        if (_ring is not null) _ring.Send(_descriptor);
        else NetMqFrames.Send(_socket!, _descriptor);
        return d;
    }

    /// <summary>The shared-memory ring name carrying <paramref name="stream"/>'s descriptors on an shm bus.</summary>
    internal static string VisionRingName(VisionStream stream) => "vision-" + stream.Name;

    public void Dispose()
    {
        _socket?.Dispose();
        _ring?.Dispose();
        Pool.Dispose();
        File.Delete(Pool.Path);
    }
}
