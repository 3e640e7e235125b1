namespace Pilot.Messaging.PubSub;

/// <summary>Sends one service's messages (framed Cap'n Proto Events). Never blocks on slow or absent subscribers.</summary>
public interface IPublisher : IDisposable
{
    ServiceInfo Service { get; }
    void Send(ReadOnlySpan<byte> message);
}

/// <summary>Receives one service's messages.</summary>
public interface ISubscriber : IDisposable
{
    ServiceInfo Service { get; }
    /// <summary>The next queued message, without waiting; false when none is queued.</summary>
    bool TryReceive(out byte[] message);
}

/// <summary>Makes publishers and subscribers and waits on several subscribers at once.</summary>
public interface ITransport
{
    IPublisher Publish(ServiceInfo service);
    ISubscriber Subscribe(ServiceInfo service, bool conflate);
    /// <summary>Waits up to <paramref name="timeoutMs"/> (−1: forever) until one of <paramref name="subscribers"/> has a message.</summary>
    bool WaitAny(IReadOnlyList<ISubscriber> subscribers, int timeoutMs);
    /// <summary>Monotonic now, ns: the wall of the machine for a live bus, the replayed log's time in step mode.</summary>
    long NowNs();
}
