namespace Pilot.Messaging.PubSub.Shm;

/// <summary>The writing end of one ring: makes a fresh ring (retiring any previous writer's) and rings the doorbell per message.</summary>
public sealed class ShmWriter : IDisposable
{
    private readonly Doorbell _bell;

    internal ShmWriter(string path, long ringBytes, int maxMessageBytes, Doorbell bell)
    {
        _bell = bell;
        Bit = Doorbell.BitFor(System.IO.Path.GetFileName(path));
        Ring = ShmRing.Create(path, ringBytes, maxMessageBytes, bell.RingAll);
    }

    internal ShmRing Ring { get; }
    internal uint Bit { get; }

    /// <summary>Appends <paramref name="message"/> and wakes its sleeping readers; never waits, never allocates.</summary>
    public void Send(ReadOnlySpan<byte> message)
    {
        Ring.Write(message);
        _bell.Ring(Ring, Bit);
    }

    /// <summary>Unmaps the ring. The file stays (as msgq's do): readers drain what is in it, a restarted writer replaces it.</summary>
    public void Dispose() => Ring.Dispose();
}

/// <summary>
/// The reading end of one ring: its own cursor, a reusable copy buffer, and the re-open that follows a writer restart.
/// </summary>
public sealed class ShmReader : IDisposable
{
    private const int InitialBuffer = 4096;   // most Events are far smaller; the buffer doubles when one is not

    private readonly string _path;
    private readonly long _ringBytes;
    private readonly int _maxMessageBytes;
    private readonly bool _newestOnly;
    private RingCursor _cursor;
    private long _droppedBefore;   // drops counted on rings this reader has since left
    private byte[] _buffer = new byte[InitialBuffer];

    internal ShmReader(string path, long ringBytes, int maxMessageBytes, bool newestOnly)
    {
        _path = path;
        _ringBytes = ringBytes;
        _maxMessageBytes = maxMessageBytes;
        _newestOnly = newestOnly;
        Bit = Doorbell.BitFor(System.IO.Path.GetFileName(path));
        Ring = ShmRing.OpenOrCreate(path, ringBytes, maxMessageBytes);
        _cursor = Ring.JoinAtEnd();   // late joiner: only what is written from now on
    }

    internal ShmRing Ring { get; private set; }
    internal uint Bit { get; }

    /// <summary>Messages lost because the writer overran this reader (a conflating reader's skips are not losses).</summary>
    public long Dropped => _droppedBefore + _cursor.Dropped;
    /// <summary>Times this reader followed a restarted writer to its new ring.</summary>
    public int Restarts { get; private set; }

    /// <summary>A message is waiting, or the writer restarted (the next read follows it).</summary>
    public bool HasNew => Ring.HasNew(_cursor) || Ring.Retired;

    /// <summary>
    /// The next message (the newest for a conflating reader), copied out of the ring into this reader's buffer: valid
    /// until the next call. Allocation-free once the buffer has grown to the largest message seen.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> message)
    {
        while (true)
        {
            if (Ring.TryRead(ref _cursor, ref _buffer, _newestOnly, out int length)) { message = _buffer.AsSpan(0, length); return true; }
            if (!Ring.Retired) { message = default; return false; }
            // The writer restarted: its new ring is in place; read it from its first record (none of it was seen).
            _droppedBefore += _cursor.Dropped;
            Ring.Dispose();
            Ring = ShmRing.OpenOrCreate(_path, _ringBytes, _maxMessageBytes);
            _cursor = new RingCursor { NextSequence = 1 };   // its first message is number 1: anything before it that we miss counts
            Restarts++;
        }
    }

    public void Dispose() => Ring.Dispose();
}
