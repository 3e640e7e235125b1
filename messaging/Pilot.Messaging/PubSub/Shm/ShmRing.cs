using System.Runtime.CompilerServices;

namespace Pilot.Messaging.PubSub.Shm;

// How one service's messages travel through shared memory (openpilot's msgq, rebuilt)
// -----------------------------------------------------------------------------------
// Each service has one file under /dev/shm (RAM) that every process maps. It is a byte ring: one writer appends records,
// any number of readers follow at their own pace, each keeping its own read position in its own process. Nothing a
// reader does is visible to the writer, so the writer never waits and a crashed reader costs nothing.
//
// Positions are 64-bit byte counts since the ring was made ("stream positions"); they never wrap (2^64 bytes is ~580
// years at 1 GB/s). A stream position p lives at ring offset p mod Capacity (Capacity is a power of two). Using stream
// positions rather than offsets is what makes lapping detectable: a reader at p is overrun exactly when the writer has
// written past p + Capacity.
//
// File layout (little-endian):
//   page 0 (header)      0  u64 magic "PLOTMSG1" (layout version; written last when the file is made)
//                         8  u32 retired: 1 once a newer writer has replaced this file (readers re-open the path)
//                        16  u64 Capacity (data bytes, power of two)      24 u32 MaxMessageBytes
//                        64  u64 writePos: end of the last complete record     72 u64 newestPos: its start     80 u64 its sequence
//                       128  u64 overwritePos: the writer may have destroyed every stream position < overwritePos - Capacity
//                       192  u32 waiters: readers of this ring now sleeping on the bus doorbell (the writer skips the wake syscall at 0)
//   page 1.. (data)      records, each 16-byte aligned and contiguous: u64 sequence (1, 2, ...; 0 marks "wrap to the
//                        next lap": the record did not fit before the end), u32 length, u32 zero, then the bytes.
// The writer's fields sit on their own 64-byte cache lines so readers polling writePos do not fight over the line the
// writer announces overwrites on, nor over the waiters count.
//
// Writing a record (no locks, no waiting):  1. overwritePos := end of the new record (then a full fence)  2. write the
// wrap marker if needed, the header and the bytes  3. newestPos := start, writePos := end (release stores).
// Reading the record at p: 1. writePos > p (acquire) says a complete record starts at p  2. copy header and bytes out
// 3. full fence, then check overwritePos <= p + Capacity. If the check fails the writer may have changed the bytes while
// they were copied (a torn read): the copy is thrown away and the reader moves to the newest record, counting the
// messages it skipped by their sequence numbers. The check runs after the copy, so a torn copy can never be returned.
//
// Readers copy (the writer may reuse the bytes at any time; there are no per-reader locks to pin them). Conflating
// readers jump straight to newestPos. A late joiner starts at writePos: it sees only what is written after it opened.
// A restarted publisher makes a new file and swaps it into place atomically (renameat2 RENAME_EXCHANGE), then marks the
// old one retired; readers that find nothing new check that flag, re-open the path and read the new ring from its start.

/// <summary>Where one reader of a <see cref="ShmRing"/> is: its own position, the next sequence it expects, what it lost.</summary>
public struct RingCursor
{
    /// <summary>Stream position of the next record to read.</summary>
    public ulong Position;
    /// <summary>Sequence number expected next; 0 while unknown (just joined).</summary>
    public ulong NextSequence;
    /// <summary>Messages this reader lost because the writer overran it.</summary>
    public long Dropped;
}

/// <summary>One service's ring in a shared-memory file: one writer, any number of readers (layout above).</summary>
public sealed unsafe class ShmRing : IDisposable
{
    public const int HeaderBytes = 4096;         // one page: the data area starts page-aligned
    public const int RecordHeaderBytes = 16;     // sequence, length, padding: keeps every record 16-byte aligned
    private const ulong Magic = 0x3147534D_544F4C50; // "PLOTMSG1" as bytes: identifies a ring file and its layout version
    private const int OffRetired = 8, OffCapacity = 16, OffMaxMessage = 24, OffWritePos = 64, OffNewestPos = 72, OffNewestSeq = 80, OffOverwrite = 128, OffWaiters = 192;
    private const ulong Wrap = 0;                // record sequence meaning "skip to the next lap"

    private readonly SharedMapping _map;
    private readonly byte* _data;
    private readonly ulong _mask;
    // Writer-only state (a ring has at most one writer: the process that made it).
    private ulong _pos, _overwrite, _sequence = 1;

    /// <summary>Data bytes in the ring (power of two).</summary>
    public long Capacity { get; }
    /// <summary>Largest message this ring accepts (at most a quarter of <see cref="Capacity"/>, so a reader reset to the newest record is never itself overrun at once).</summary>
    public int MaxMessageBytes { get; }
    public string Path => _map.Path;

    private ShmRing(SharedMapping map)
    {
        _map = map;
        if (Volatile.Read(ref *(ulong*)map.Base) != Magic)
        { map.Dispose(); throw new InvalidDataException($"{map.Path}: not a Pilot message ring of this layout (bad magic at byte 0)"); }
        Capacity = (long)*(ulong*)(map.Base + OffCapacity);
        MaxMessageBytes = *(int*)(map.Base + OffMaxMessage);
        if (Capacity <= 0 || (Capacity & (Capacity - 1)) != 0 || map.Length < HeaderBytes + Capacity || MaxMessageBytes <= 0 || MaxMessageBytes > Capacity / 4)
        { map.Dispose(); throw new InvalidDataException($"{map.Path}: header says capacity {Capacity}, message limit {MaxMessageBytes}; file holds {map.Length} bytes"); }
        _mask = (ulong)Capacity - 1;
        _data = map.Base + HeaderBytes;
    }

    /// <summary>
    /// Makes a new empty ring at <paramref name="path"/> for a writer, replacing (and retiring) any ring there.
    /// <paramref name="replaced"/> runs after an old ring was retired (the bus rings its doorbell so sleeping readers look).
    /// </summary>
    public static ShmRing Create(string path, long capacity, int maxMessageBytes, Action? replaced = null)
    {
        var map = NewFile(path, capacity, maxMessageBytes);
        bool retired = false;
        map.Install(path, old => retired |= Retire(old));
        if (retired) replaced?.Invoke();
        return new ShmRing(map);
    }

    /// <summary>Opens the ring at <paramref name="path"/> for reading, making an empty one when no writer has yet.</summary>
    public static ShmRing OpenOrCreate(string path, long capacity, int maxMessageBytes)
    {
        while (true)
        {
            var existing = SharedMapping.TryOpen(path);
            if (existing is not null) return new ShmRing(existing);
            var map = NewFile(path, capacity, maxMessageBytes);
            if (map.TryInstall(path)) return new ShmRing(map);
            map.Dispose();   // another process placed one first: open theirs
        }
    }

    private static SharedMapping NewFile(string path, long capacity, int maxMessageBytes)
    {
        if (capacity < 4096 || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "ring capacity must be a power of two of at least 4096 bytes");
        if (maxMessageBytes <= 0 || maxMessageBytes > capacity / 4)
            throw new ArgumentOutOfRangeException(nameof(maxMessageBytes), maxMessageBytes, $"message limit must be 1..capacity/4 ({capacity / 4})");
        var map = SharedMapping.CreateDetached(path, HeaderBytes + capacity);
        *(ulong*)(map.Base + OffCapacity) = (ulong)capacity;
        *(int*)(map.Base + OffMaxMessage) = maxMessageBytes;
        Volatile.Write(ref *(ulong*)map.Base, Magic);
        return map;
    }

    private static bool Retire(SharedMapping old)
    {
        if (old.Length < HeaderBytes || Volatile.Read(ref *(ulong*)old.Base) != Magic) return false;   // not one of ours: nobody reads it
        Volatile.Write(ref *(uint*)(old.Base + OffRetired), 1u);
        return true;
    }

    /// <summary>A newer writer has replaced this ring: readers should re-open the path.</summary>
    public bool Retired => Volatile.Read(ref *(uint*)(_map.Base + OffRetired)) != 0;

    /// <summary>Readers of this ring sleeping on the doorbell (shared counter).</summary>
    internal uint* Waiters => (uint*)(_map.Base + OffWaiters);

    private ref ulong WritePos => ref *(ulong*)(_map.Base + OffWritePos);
    private ref ulong NewestPos => ref *(ulong*)(_map.Base + OffNewestPos);
    private ref ulong NewestSeq => ref *(ulong*)(_map.Base + OffNewestSeq);
    private ref ulong OverwritePos => ref *(ulong*)(_map.Base + OffOverwrite);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RecordBytes(int length) => ((ulong)(RecordHeaderBytes + length) + 15) & ~15UL;

    // ----- writer -----

    /// <summary>Appends one message; never waits. Returns its sequence number.</summary>
    public ulong Write(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxMessageBytes) ThrowTooLarge(message.Length);
        ulong need = RecordBytes(message.Length);
        ulong offset = _pos & _mask;
        ulong start = offset + need > (ulong)Capacity ? _pos + ((ulong)Capacity - offset) : _pos;
        ulong end = start + need;
        _overwrite = Math.Max(_overwrite, end);
        Volatile.Write(ref OverwritePos, _overwrite);
        Interlocked.MemoryBarrier();   // readers must see the announcement before any byte it covers changes
        if (start != _pos) *(ulong*)(_data + offset) = Wrap;
        byte* rec = _data + (start & _mask);
        *(ulong*)rec = _sequence;
        *(uint*)(rec + 8) = (uint)message.Length;
        *(uint*)(rec + 12) = 0;
        message.CopyTo(new Span<byte>(rec + RecordHeaderBytes, message.Length));
        Volatile.Write(ref NewestSeq, _sequence);
        Volatile.Write(ref NewestPos, start);
        Volatile.Write(ref WritePos, end);
        _pos = end;
        return _sequence++;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowTooLarge(int length) =>
        throw new ArgumentException($"{Path}: message of {length} bytes exceeds the ring's MaxMessageBytes ({MaxMessageBytes})", "message");

    // ----- readers -----

    /// <summary>A cursor for a reader joining now: it will see only records written from now on.</summary>
    public RingCursor JoinAtEnd()
    {
        ulong end = Volatile.Read(ref WritePos);
        // Read after writePos: at least the sequence of the record ending there, so a drop is never counted that did not happen.
        return new RingCursor { Position = end, NextSequence = Volatile.Read(ref NewestSeq) + 1 };
    }

    /// <summary>Whether a record newer than <paramref name="cursor"/> is complete (one load; for waiting).</summary>
    public bool HasNew(in RingCursor cursor) => Volatile.Read(ref WritePos) > cursor.Position;

    /// <summary>
    /// Copies the next message (or, with <paramref name="newest"/>, the newest one, skipping older ones) into
    /// <paramref name="buffer"/>, growing it only when a message is longer than any before. Returns false when there is
    /// nothing new. A reader the writer overran skips to the newest message and counts the lost ones in the cursor.
    /// </summary>
    public bool TryRead(ref RingCursor cursor, ref byte[] buffer, bool newest, out int length)
    {
        while (true)
        {
            ulong w = Volatile.Read(ref WritePos);
            if (w <= cursor.Position) { length = 0; return false; }
            ulong pos = newest ? Math.Max(cursor.Position, Volatile.Read(ref NewestPos)) : cursor.Position;
            if (w - pos > (ulong)Capacity) { SkipToNewest(ref cursor); continue; }
            int state = CopyRecord(pos, ref buffer, out ulong sequence, out length);
            if (!IsIntact(pos)) { SkipToNewest(ref cursor); continue; }   // torn: the writer got there during the copy
            if (state < 0) { cursor.Position = pos + ((ulong)Capacity - (pos & _mask)); continue; }   // wrap marker
            if (state == 0) throw new InvalidDataException($"{Path}: record at stream position {pos} has length {length} (limit {MaxMessageBytes}) but was not overwritten: the ring is corrupt");
            if (!newest && cursor.NextSequence != 0 && sequence > cursor.NextSequence) cursor.Dropped += (long)(sequence - cursor.NextSequence);
            cursor.NextSequence = sequence + 1;
            cursor.Position = pos + RecordBytes(length);
            return true;
        }
    }

    /// <summary>
    /// Copies the record at stream position <paramref name="pos"/> (header, then bytes). Returns 1 for a message, −1 for a
    /// wrap marker, 0 for a header that cannot be a record (overwritten, or corrupt). The copy may be torn: callers must
    /// check <see cref="IsIntact"/> afterwards before using it.
    /// </summary>
    internal int CopyRecord(ulong pos, ref byte[] buffer, out ulong sequence, out int length)
    {
        byte* rec = _data + (pos & _mask);
        sequence = Volatile.Read(ref *(ulong*)rec);
        length = (int)*(uint*)(rec + 8);
        if (sequence == Wrap) return -1;
        if ((uint)length > (uint)MaxMessageBytes || (pos & _mask) + RecordBytes(length) > (ulong)Capacity) return 0;
        if (buffer.Length < length) buffer = new byte[Math.Min(MaxMessageBytes, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length))];
        new ReadOnlySpan<byte>(rec + RecordHeaderBytes, length).CopyTo(buffer);
        return 1;
    }

    /// <summary>The record at <paramref name="pos"/> has not been touched by the writer since it was complete.</summary>
    internal bool IsIntact(ulong pos)
    {
        Interlocked.MemoryBarrier();   // the copy's loads complete before the check's load
        return Volatile.Read(ref OverwritePos) <= pos + (ulong)Capacity;
    }

    private void SkipToNewest(ref RingCursor cursor) => cursor.Position = Math.Max(cursor.Position, Volatile.Read(ref NewestPos));

    public void Dispose() => _map.Dispose();
}
