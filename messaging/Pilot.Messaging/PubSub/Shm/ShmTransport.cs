using System.Runtime.CompilerServices;

namespace Pilot.Messaging.PubSub.Shm;

/// <summary>
/// Pub/sub through shared memory between processes of one machine, as openpilot's msgq: one ring per service in
/// /dev/shm (layout and reasoning in ShmRing.cs), one bus-wide futex doorbell for waiting (Doorbell.cs). A message costs
/// the publisher one copy into the ring and one atomic increment (plus a wake syscall when a reader sleeps), the reader
/// one copy out; no thread of either process sits between them.
/// Behaviour a user can rely on:
/// - Late joiner: a subscriber sees only messages written after it opened the ring (a conflating one, the newest of those).
/// - Publisher restart: the new publisher makes a fresh ring and retires the old; subscribers finish what was in the old
///   ring, then follow to the new one and read it from its first message.
/// - Slow subscriber: the publisher never waits. A subscriber more than <see cref="RingBytes"/> behind skips to the newest
///   message and counts the skipped ones (<see cref="ShmSubscriber.Dropped"/>). A conflating subscriber reads only the newest.
/// - A message over <see cref="MaxMessageBytes"/> is refused with an ArgumentException naming the limit.
/// </summary>
public sealed class ShmTransport : ITransport
{
    public const long RingBytes = 8 << 20;          // per service: ~80 s of a 100 Hz 1 KB service, msgq's order of size (10 MB)
    public const int MaxMessageBytes = 1 << 20;     // largest framed Event: far above any Pilot service (modelV2 is a few KB); ≤ RingBytes/4
    public const long DescriptorRingBytes = 64 << 10;  // camera frame descriptors (64 B each): 800 frames of history
    public const int DescriptorMaxBytes = 4096;

    private static readonly ConditionalWeakTable<IReadOnlyList<ISubscriber>, ShmReader[]> WaitLists = new();
    private readonly Doorbell _bell;

    public ShmTransport(Bus bus)
    {
        Futex.EnsureSupported();
        Bus = bus;
        _bell = Doorbell.For(bus.DoorbellPath);
    }

    public Bus Bus { get; }

    public IPublisher Publish(ServiceInfo service) => new ShmPublisher(service, OpenWriter(Bus.RingPath(service.Name), RingBytes, MaxMessageBytes));

    public ISubscriber Subscribe(ServiceInfo service, bool conflate) =>
        new ShmSubscriber(service, OpenReader(Bus.RingPath(service.Name), RingBytes, MaxMessageBytes, conflate));

    /// <summary>A writer on the ring at <paramref name="path"/> (a new ring replacing any there).</summary>
    public ShmWriter OpenWriter(string path, long ringBytes, int maxMessageBytes) => new(path, ringBytes, maxMessageBytes, _bell);

    /// <summary>A reader of the ring at <paramref name="path"/>, joining at its end.</summary>
    public ShmReader OpenReader(string path, long ringBytes, int maxMessageBytes, bool newestOnly) => new(path, ringBytes, maxMessageBytes, newestOnly);

    public bool WaitAny(IReadOnlyList<ISubscriber> subscribers, int timeoutMs) =>
        _bell.Wait(WaitLists.GetValue(subscribers, Readers), timeoutMs);

    /// <summary>Waits up to <paramref name="timeoutMs"/> (−1: forever) until one of <paramref name="readers"/> has a message.</summary>
    public bool WaitAny(IReadOnlyList<ShmReader> readers, int timeoutMs) => _bell.Wait(readers, timeoutMs);

    public long NowNs() => MonoClock.NowNs();

    /// <summary>Deletes every ring and the doorbell of <paramref name="bus"/> (tests and benchmarks clean up after themselves).</summary>
    public static void DeleteFiles(Bus bus)
    {
        foreach (var path in Directory.EnumerateFiles(Bus.SharedMemoryDir, bus.RingPattern))
            File.Delete(path);
        Doorbell.Forget(bus.DoorbellPath);
        File.Delete(bus.DoorbellPath);
    }

    // Subscriber lists are waited on repeatedly (a SubMaster waits on the same list every update): mapped once.
    private static ShmReader[] Readers(IReadOnlyList<ISubscriber> subscribers) => subscribers.Select(s => s is ShmSubscriber shm ? shm.Reader
        : throw new ArgumentException($"{s.Service} is not a shared-memory subscriber", nameof(subscribers))).ToArray();
}

/// <summary>Sends one service's messages into its ring.</summary>
public sealed class ShmPublisher(ServiceInfo service, ShmWriter writer) : IPublisher
{
    public ServiceInfo Service { get; } = service;

    public void Send(ReadOnlySpan<byte> message) => writer.Send(message);

    public void Dispose() => writer.Dispose();
}

/// <summary>Reads one service's messages from its ring.</summary>
public sealed class ShmSubscriber(ServiceInfo service, ShmReader reader) : ISubscriber
{
    public ServiceInfo Service { get; } = service;
    internal ShmReader Reader { get; } = reader;

    /// <summary>Messages lost to overruns (the publisher lapped this subscriber).</summary>
    public long Dropped => Reader.Dropped;

    /// <summary>Times this subscriber followed a restarted publisher.</summary>
    public int Restarts => Reader.Restarts;

    /// <summary>The next message as a copy the caller keeps (ITransport's contract).</summary>
    public bool TryReceive(out byte[] message)
    {
        bool got = Reader.TryRead(out var span);
        message = got ? span.ToArray() : null!;
        return got;
    }

    /// <summary>The next message without allocating: a view valid until the next receive on this subscriber.</summary>
    public bool TryRead(out ReadOnlySpan<byte> message) => Reader.TryRead(out message);

    public void Dispose() => Reader.Dispose();
}
