using System.Buffers;

namespace Pilot.Capnp;

/// <summary>
/// Builds a message into segments it allocates itself. Objects go into the pointer's own segment when it has room;
/// otherwise into the newest segment or a new one, reached through a far pointer and a landing pad next to the object.
/// Segment sizes follow the C++ <c>MallocMessageBuilder</c> (GROW_HEURISTICALLY), so that multi-segment output is
/// byte-identical with <c>capnp</c>'s. <see cref="Reset"/> keeps the segments for allocation-free rebuilding.
/// </summary>
public sealed class MessageBuilder
{
    /// <summary>Segment size cap when none is given: the largest array a segment may occupy.</summary>
    private const int DefaultMaxSegmentWords = 1 << 27;   // 1 GiB

    internal byte[][] Buffers;      // segment storage; only the first _count are in use
    internal int[] Used;            // words in use per segment
    internal int[] Capacity;        // words per segment as C++ would size it (a reused buffer may be longer)
    private int _count;
    private readonly int _firstSegmentWords;
    private readonly int _maxSegmentWords;
    private readonly bool _singleSegment;   // canonical output: one segment that grows in place
    private MessageReader? _view;
    private int _layoutVersion;     // bumped whenever the segment table changes, to refresh _view
    private int _viewVersion = -1;

    /// <param name="firstSegmentWords">Size of the first segment; later segments grow with the message size.</param>
    /// <param name="maxSegmentWords">Cap on new segment sizes (objects larger than the cap get a segment of their
    /// own size); small values force many segments and far pointers.</param>
    public MessageBuilder(int firstSegmentWords = 1024, int? maxSegmentWords = null)
        : this(firstSegmentWords, maxSegmentWords ?? DefaultMaxSegmentWords, singleSegment: false)
    {
    }

    internal MessageBuilder(int firstSegmentWords, int maxSegmentWords, bool singleSegment)
    {
        if (firstSegmentWords < 1) throw new ArgumentOutOfRangeException(nameof(firstSegmentWords), "a segment needs at least the root pointer word");
        if (maxSegmentWords < 1) throw new ArgumentOutOfRangeException(nameof(maxSegmentWords));
        _firstSegmentWords = firstSegmentWords;
        _maxSegmentWords = Math.Max(maxSegmentWords, firstSegmentWords);
        _singleSegment = singleSegment;
        Buffers = [new byte[firstSegmentWords * 8]];
        Used = [1];   // word 0 of segment 0 is the root pointer
        Capacity = [firstSegmentWords];
        _count = 1;
    }

    public int SegmentCount => _count;

    /// <summary>Words in use over all segments.</summary>
    public long TotalWords
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _count; i++) total += Used[i];
            return total;
        }
    }

    /// <summary>Clears the message and keeps every segment for reuse: rebuilding a message of the same shape
    /// allocates nothing. Views obtained before are invalidated.</summary>
    public void Reset()
    {
        for (int i = 0; i < _count; i++) Array.Clear(Buffers[i], 0, Used[i] * 8);
        _count = 1;
        Used[0] = 1;
        _layoutVersion++;
    }

    /// <summary>A new root struct (replacing any previous root).</summary>
    public StructBuilder InitRoot(int dataWords, int pointerCount) => RootPointer.InitStruct(0, dataWords, pointerCount);

    /// <summary>The existing root struct, or a new one when the root is null.</summary>
    public StructBuilder GetRoot(int dataWords, int pointerCount) => RootPointer.GetStruct(0, dataWords, pointerCount);

    /// <summary>Deep-copies <paramref name="value"/> (from any message) as the root.</summary>
    public void SetRoot(StructReader value) => RootPointer.SetStruct(0, value);

    /// <summary>Deep-copies <paramref name="value"/> as the root pointer (a struct or a list).</summary>
    public void SetRoot(AnyPointerReader value) => RootPointer.SetAnyPointer(0, value);

    /// <summary>The root pointer as a one-pointer struct, so that pointer setters can target it.</summary>
    private StructBuilder RootPointer => new(this, Buffers[0], 0, 0, 0, 0, 1);

    public IReadOnlyList<ReadOnlyMemory<byte>> GetSegments()
    {
        var result = new ReadOnlyMemory<byte>[_count];
        for (int i = 0; i < _count; i++) result[i] = new ReadOnlyMemory<byte>(Buffers[i], 0, Used[i] * 8);
        return result;
    }

    /// <summary>Bytes of the framed message (segment table and segments).</summary>
    public int FramedSize => Framing.TableBytes(_count) + (int)TotalWords * 8;

    /// <summary>Writes the framed message into <paramref name="destination"/> (at least <see cref="FramedSize"/>
    /// bytes) without allocating; returns the bytes written.</summary>
    public int WriteFramed(Span<byte> destination)
    {
        if (destination.Length < FramedSize) throw new ArgumentException($"destination has {destination.Length} bytes, the message needs {FramedSize}", nameof(destination));
        int at = Framing.WriteTable(destination, Used.AsSpan(0, _count));
        for (int i = 0; i < _count; i++)
        {
            Buffers[i].AsSpan(0, Used[i] * 8).CopyTo(destination[at..]);
            at += Used[i] * 8;
        }
        return at;
    }

    public byte[] ToFramedArray()
    {
        var result = new byte[FramedSize];
        WriteFramed(result);
        return result;
    }

    public void WriteFramed(Stream stream)
    {
        Span<byte> table = stackalloc byte[Framing.TableBytes(Math.Min(_count, 256))];
        if (_count > 256) table = new byte[Framing.TableBytes(_count)];
        stream.Write(table[..Framing.WriteTable(table, Used.AsSpan(0, _count))]);
        for (int i = 0; i < _count; i++) stream.Write(Buffers[i], 0, Used[i] * 8);
    }

    public void WriteFramed(IBufferWriter<byte> writer)
    {
        int size = FramedSize;
        writer.Advance(WriteFramed(writer.GetSpan(size)));
    }

    /// <summary>Writes the framed message in the packed encoding.</summary>
    public void WritePacked(Stream stream)
    {
        byte[] framed = ArrayPool<byte>.Shared.Rent(FramedSize);
        try
        {
            int length = WriteFramed(framed);
            Packing.Pack(framed.AsSpan(0, length), stream);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(framed);
        }
    }

    /// <summary>A zero-copy reader over the words in use now (no limits unless given: the content is trusted).</summary>
    public MessageReader AsReader(ReaderOptions? options = null) =>
        MessageReader.FromSegments(GetSegments(), options ?? ReaderOptions.Unlimited);

    /// <summary>The shared, unlimited reader behind builder views' <c>AsReader()</c>, refreshed when segments change.</summary>
    internal MessageReader View
    {
        get
        {
            if (_view is null || _viewVersion != _layoutVersion)
            {
                _view = new MessageReader(Snapshot(), _count, ReaderOptions.Unlimited);
                _viewVersion = _layoutVersion;
            }
            return _view;
        }
    }

    /// <summary>Segment table over the whole capacity of each segment: unused space is zero, i.e. null pointers.</summary>
    private Segment[] Snapshot()
    {
        var table = new Segment[_count];
        for (int i = 0; i < _count; i++) table[i] = new Segment(Buffers[i], 0, Capacity[i]);
        return table;
    }

    /// <summary>Allocates <paramref name="words"/> zeroed words in <paramref name="segment"/>; the first word's
    /// index, or -1 when it does not fit.</summary>
    internal int TryAllocate(int segment, int words)
    {
        int used = Used[segment];
        if (words <= Capacity[segment] - used)
        {
            Used[segment] = used + words;
            return used;
        }
        if (!_singleSegment) return -1;
        _layoutVersion++;
        Array.Resize(ref Buffers[segment], (int)Math.Min(Array.MaxLength & ~7, Math.Max(Buffers[segment].Length * 2L, (used + (long)words) * 8)));
        Capacity[segment] = Buffers[segment].Length / 8;
        return TryAllocate(segment, words);
    }

    internal int LastSegment => _count - 1;

    /// <summary>Starts a new segment of at least <paramref name="minimumWords"/> words and returns its index.
    /// Sized like C++ <c>MallocMessageBuilder::allocateSegment</c> with GROW_HEURISTICALLY: the larger of the request
    /// and the words of all segments allocated so far (so segment count grows logarithmically with message size),
    /// the latter capped by the maximum segment size.</summary>
    internal int AddSegment(int minimumWords)
    {
        long allocated = 0;
        for (int i = 0; i < _count; i++) allocated += Capacity[i];
        int words = (int)Math.Max(minimumWords, Math.Min(allocated, _maxSegmentWords));
        if (_count == Buffers.Length)
        {
            Array.Resize(ref Buffers, _count * 2);
            Array.Resize(ref Used, _count * 2);
            Array.Resize(ref Capacity, _count * 2);
        }
        if (Buffers[_count] is null || Buffers[_count].Length < words * 8) Buffers[_count] = new byte[words * 8];
        Used[_count] = 0;
        Capacity[_count] = words;
        _layoutVersion++;
        return _count++;
    }
}
