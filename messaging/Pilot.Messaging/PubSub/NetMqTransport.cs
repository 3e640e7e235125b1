using System.Diagnostics;
using NetMQ;
using NetMQ.Sockets;

namespace Pilot.Messaging.PubSub;

/// <summary>
/// Pub/sub over NetMQ (ZeroMQ). Publishers bind the service's endpoint, subscribers connect, as openpilot's msgq/zmq does.
/// Behaviour a user can rely on:
/// - Late joiner: a subscriber sees only messages sent after its connection completed (PUB/SUB keeps no history); a
///   conflated one sees the newest message sent after it joined.
/// - Publisher restart: subscribers reconnect on their own every <see cref="ReconnectInterval"/> and resume receiving;
///   messages sent while no connection existed are lost.
/// - Slow subscriber: the publisher never waits; once <see cref="QueueLimit"/> messages queue for one subscriber, newer
///   messages to that subscriber are dropped (ZeroMQ high-water mark). A conflating subscriber holds only the newest.
/// </summary>
public sealed class NetMqTransport(Bus bus) : ITransport
{
    public const int QueueLimit = 1000;                                    // messages per subscriber (10 s of a 100 Hz service)
    public static readonly TimeSpan ReconnectInterval = TimeSpan.FromMilliseconds(20);  // 2 periods of a 100 Hz service
    public static readonly TimeSpan PublisherLinger = TimeSpan.FromMilliseconds(100);   // a closing publisher flushes its last messages, bounded

    public Bus Bus { get; } = bus;

    public IPublisher Publish(ServiceInfo service) => new NetMqPublisher(service, Bus.Endpoint(service));
    public ISubscriber Subscribe(ServiceInfo service, bool conflate) => new NetMqSubscriber(service, Bus.Endpoint(service), conflate);

    public bool WaitAny(IReadOnlyList<ISubscriber> subscribers, int timeoutMs) => NetMqWait.Any(subscribers, timeoutMs);

    public long NowNs() => MonoClock.NowNs();

    /// <summary>Makes a publisher socket bound to <paramref name="endpoint"/> with Pilot's options.</summary>
    internal static PublisherSocket BindPublisher(string endpoint)
    {
        var socket = new PublisherSocket();
        socket.Options.SendHighWatermark = QueueLimit;
        socket.Options.Linger = PublisherLinger;
        socket.Bind(endpoint);
        return socket;
    }

    /// <summary>Makes a subscriber socket connected to <paramref name="endpoint"/>, subscribed to everything.</summary>
    internal static SubscriberSocket ConnectSubscriber(string endpoint)
    {
        var socket = new SubscriberSocket();
        socket.Options.ReceiveHighWatermark = QueueLimit;
        socket.Options.ReconnectInterval = ReconnectInterval;
        socket.Options.Linger = TimeSpan.Zero;
        socket.Connect(endpoint);
        socket.SubscribeToAnyTopic();
        return socket;
    }
}

/// <summary>Sends one service's messages on a bound PUB socket.</summary>
public sealed class NetMqPublisher(ServiceInfo service, string endpoint) : IPublisher
{
    private readonly PublisherSocket _socket = NetMqTransport.BindPublisher(endpoint);

    public ServiceInfo Service { get; } = service;

    public void Send(ReadOnlySpan<byte> message) => NetMqFrames.Send(_socket, message);

    public void Dispose() => _socket.Dispose();
}

/// <summary>
/// Receives one service's messages on a connected SUB socket. NetMQ has no ZMQ_CONFLATE, so a conflating subscriber
/// drains its queue on every read and returns only the newest message (the older ones are dropped unread).
/// </summary>
public sealed class NetMqSubscriber(ServiceInfo service, string endpoint, bool conflate) : ISubscriber
{
    internal readonly SubscriberSocket Socket = NetMqTransport.ConnectSubscriber(endpoint);

    public ServiceInfo Service { get; } = service;
    public bool Conflate { get; } = conflate;

    public bool TryReceive(out byte[] message)
    {
        if (!Socket.TryReceiveFrameBytes(TimeSpan.Zero, out message!)) return false;
        if (Conflate)
            while (Socket.TryReceiveFrameBytes(TimeSpan.Zero, out var newer)) message = newer;
        return true;
    }

    public void Dispose() => Socket.Dispose();
}

/// <summary>Monotonic time in ns (CLOCK_MONOTONIC on Linux, the clock of <c>logMonoTime</c>).</summary>
public static class MonoClock
{
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    public static long NowNs() => Stopwatch.Frequency == 1_000_000_000 ? Stopwatch.GetTimestamp() : (long)(Stopwatch.GetTimestamp() * NsPerTick);
}
