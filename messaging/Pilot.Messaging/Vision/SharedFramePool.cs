using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;

namespace Pilot.Messaging.Vision;

/// <summary>
/// N frame buffers of one camera stream in one memory-mapped file (normally under /dev/shm). Layout:
/// page 0 = header (magic, pool id, count, geometry) and one 64-byte slot per buffer whose first 8 bytes are the buffer's
/// sequence number; buffer i starts at page-aligned offset 4096 + i·SlotBytes. The sequence number is a seqlock: odd while
/// the camera writes, even when complete, so readers detect a buffer reused under them without ever making the camera wait.
/// </summary>
public sealed unsafe class SharedFramePool : IDisposable
{
    public const int MaxBuffers = 63;                       // slots that fit in the header page after its 64-byte preamble
    private const int HeaderBytes = 4096, PageBytes = 4096, SlotStride = 64;
    private const ulong Magic = 0x31534956544F4C50;         // "PLOTVIS1" little-endian: identifies a pool file and its layout version

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;

    public string Path { get; }
    public uint PoolId { get; }
    public int BufferCount { get; }
    public FrameGeometry Geometry { get; }
    public long SlotBytes { get; }

    private SharedFramePool(string path, MemoryMappedFile file, MemoryMappedViewAccessor view)
    {
        Path = path;
        _file = file;
        _view = view;
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _base = p + _view.PointerOffset;
        if (*(ulong*)_base != Magic) { Dispose(); throw new InvalidDataException($"{path}: not a Pilot frame pool (bad magic at byte 0)"); }
        PoolId = *(uint*)(_base + 8);
        BufferCount = *(int*)(_base + 12);
        Geometry = new FrameGeometry(*(int*)(_base + 16), *(int*)(_base + 20), *(int*)(_base + 24), (PixelFormat)(*(int*)(_base + 28)));
        SlotBytes = AlignPage(Geometry.Size);
        if (BufferCount is < 1 or > MaxBuffers || _view.Capacity < HeaderBytes + BufferCount * SlotBytes)
        { Dispose(); throw new InvalidDataException($"{path}: header says {BufferCount} buffers of {Geometry.Size} bytes, file holds {_view.Capacity}"); }
    }

    /// <summary>Creates (or replaces) the pool file with <paramref name="bufferCount"/> buffers of <paramref name="geometry"/>.</summary>
    public static SharedFramePool Create(string path, FrameGeometry geometry, int bufferCount)
    {
        if (bufferCount is < 2 or > MaxBuffers) throw new ArgumentOutOfRangeException(nameof(bufferCount), bufferCount, $"2..{MaxBuffers} buffers");
        long capacity = HeaderBytes + bufferCount * AlignPage(geometry.Size);
        File.Delete(path);   // a new inode: readers still mapping a previous pool keep their old mapping intact
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, capacity, MemoryMappedFileAccess.ReadWrite);
        var view = file.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        p += view.PointerOffset;
        *(uint*)(p + 8) = (uint)Random.Shared.Next(1, int.MaxValue);
        *(int*)(p + 12) = bufferCount;
        *(int*)(p + 16) = geometry.Width; *(int*)(p + 20) = geometry.Height; *(int*)(p + 24) = geometry.Stride; *(int*)(p + 28) = (int)geometry.Format;
        Volatile.Write(ref *(ulong*)p, Magic);   // last: a reader that sees the magic sees a complete header
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        return new SharedFramePool(path, file, view);
    }

    /// <summary>Maps an existing pool read-only (readers).</summary>
    public static SharedFramePool Open(string path)
    {
        var file = MemoryMappedFile.CreateFromFile(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete),
            null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        return new SharedFramePool(path, file, view);
    }

    /// <summary>The sequence number of buffer <paramref name="index"/> (odd while being written).</summary>
    public ulong ReadSequence(int index) => Volatile.Read(ref *SequencePtr(index));

    /// <summary>Marks buffer <paramref name="index"/> as being written and returns its pixels (camera side).</summary>
    internal Span<byte> BeginWrite(int index)
    {
        ulong* seq = SequencePtr(index);
        Volatile.Write(ref *seq, (*seq | 1) + ((*seq & 1) == 0 ? 0UL : 2UL));   // next odd number
        Interlocked.MemoryBarrier();
        return new Span<byte>(BufferPtr(index), Geometry.Size);
    }

    /// <summary>Marks buffer <paramref name="index"/> complete; returns the even sequence number readers must see.</summary>
    internal ulong EndWrite(int index)
    {
        ulong* seq = SequencePtr(index);
        ulong done = *seq + 1;
        Volatile.Write(ref *seq, done);
        return done;
    }

    /// <summary>Zero-copy view of buffer <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Buffer(int index) => new(BufferPtr(index), Geometry.Size);

    private ulong* SequencePtr(int index) => (ulong*)(_base + 64 + CheckIndex(index) * SlotStride);
    private byte* BufferPtr(int index) => _base + HeaderBytes + CheckIndex(index) * SlotBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CheckIndex(int index) => (uint)index < (uint)BufferCount ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"{Path} has {BufferCount} buffers");

    private static long AlignPage(long bytes) => (bytes + PageBytes - 1) / PageBytes * PageBytes;

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
