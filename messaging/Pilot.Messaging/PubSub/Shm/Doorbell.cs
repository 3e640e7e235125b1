namespace Pilot.Messaging.PubSub.Shm;

/// <summary>
/// The bus-wide wake-up word: a counter in a small shared file that every publish bumps. A process waiting on several
/// rings sleeps on this one word (futex), so waiting on N services costs one syscall, not N. Waits and wakes carry a
/// 32-bit mask (FUTEX_*_BITSET): a ring's bit is a hash of its name, a waiter sleeps with the OR of its rings' bits, so a
/// publish wakes only waiters interested in that ring (or one sharing its bit). A publish whose ring has no sleeping
/// reader makes no syscall at all: it is one atomic increment.
/// </summary>
internal sealed unsafe class Doorbell
{
    private const ulong Magic = 0x4C4C4542_544F4C50;   // "PLOTBELL" as bytes
    private const int FileBytes = 4096, OffCounter = 64;   // the counter on its own cache line
    public const uint AllBits = uint.MaxValue;

    // One mapping per bus per process, kept for the process's life: every transport, frame server and client on a bus shares it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Doorbell> Mapped = new(StringComparer.Ordinal);

    private readonly SharedMapping _map;
    private readonly uint* _counter;

    private Doorbell(SharedMapping map)
    {
        if (map.Length < FileBytes || Volatile.Read(ref *(ulong*)map.Base) != Magic)
        { map.Dispose(); throw new InvalidDataException($"{map.Path}: not a Pilot bus doorbell (bad magic at byte 0)"); }
        _map = map;
        _counter = (uint*)(map.Base + OffCounter);
    }

    /// <summary>The bus's doorbell at <paramref name="path"/>, made if this is the first process on the bus.</summary>
    public static Doorbell For(string path) => Mapped.GetOrAdd(path, Open);

    /// <summary>Forgets this process's mapping of a doorbell whose file is being deleted (the next <see cref="For"/> makes a new one).</summary>
    public static void Forget(string path) => Mapped.TryRemove(path, out _);

    private static Doorbell Open(string path)
    {
        while (true)
        {
            var existing = SharedMapping.TryOpen(path);
            if (existing is not null) return new Doorbell(existing);
            var map = SharedMapping.CreateDetached(path, FileBytes);
            Volatile.Write(ref *(ulong*)map.Base, Magic);
            if (map.TryInstall(path)) return new Doorbell(map);
            map.Dispose();
        }
    }

    /// <summary>The wake bit of the ring called <paramref name="name"/> (FNV-1a of the name, mod 32).</summary>
    public static uint BitFor(string name)
    {
        uint h = 2166136261;
        foreach (char c in name) h = (h ^ c) * 16777619;
        return 1u << (int)(h % 32);
    }

    /// <summary>After a write to <paramref name="ring"/>: bump the counter; wake sleepers only if the ring has any.</summary>
    public void Ring(ShmRing ring, uint bit)
    {
        Interlocked.Increment(ref *_counter);   // full fence: the write is visible before the waiters count is read
        if (Volatile.Read(ref *ring.Waiters) != 0) Futex.Wake(_counter, bit);
    }

    /// <summary>Wakes every sleeper on the bus (a ring was replaced: its readers must re-open it).</summary>
    public void RingAll()
    {
        Interlocked.Increment(ref *_counter);
        Futex.Wake(_counter, AllBits);
    }

    /// <summary>
    /// Waits until one of <paramref name="readers"/> has something (a message, or a replaced ring), or until
    /// <paramref name="timeoutMs"/> (−1: forever, 0: just look).
    /// </summary>
    /// <remarks>
    /// No lost wake-up: the waiter reads the counter, registers in each ring's waiters count (atomic, full fence), then
    /// looks at the rings, then sleeps only while the counter still has the value it read. A publisher writes, bumps the
    /// counter (full fence), then reads the waiters count. Either the publisher sees the waiter registered and wakes it,
    /// or the waiter's look comes after the bump and sees the message, or the counter changed and the sleep returns at once.
    /// </remarks>
    public bool Wait(IReadOnlyList<ShmReader> readers, int timeoutMs)
    {
        long deadline = timeoutMs < 0 ? -1 : MonoClock.NowNs() + timeoutMs * 1_000_000L;
        uint bits = 0;
        for (int i = 0; i < readers.Count; i++) bits |= readers[i].Bit;
        if (bits == 0) bits = AllBits;   // no readers: a plain timed sleep (the kernel refuses an empty mask)
        while (true)
        {
            uint seen = Volatile.Read(ref *_counter);
            bool ready = false;
            for (int i = 0; i < readers.Count; i++) Interlocked.Increment(ref *readers[i].Ring.Waiters);
            for (int i = 0; i < readers.Count && !ready; i++) ready = readers[i].HasNew;
            bool timedOut = false;
            if (!ready && timeoutMs != 0) timedOut = !Futex.Wait(_counter, seen, bits, deadline);
            for (int i = 0; i < readers.Count; i++) Interlocked.Decrement(ref *readers[i].Ring.Waiters);
            if (ready) return true;
            if (timeoutMs == 0 || timedOut || (deadline >= 0 && MonoClock.NowNs() >= deadline)) return false;
        }
    }
}
