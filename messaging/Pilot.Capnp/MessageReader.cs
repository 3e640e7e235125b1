using System.Runtime.InteropServices;

namespace Pilot.Capnp;

/// <summary>
/// A received message: the segment table and the traversal budget. Struct, list and pointer readers are zero-copy
/// views over its segments; they hold a reference to this object to follow far pointers and to charge the
/// <see cref="ReaderOptions.TraversalLimitInWords"/> budget. Not thread-safe (the budget is a plain counter), like
/// the reference implementation's reader. One instance can be re-pointed at new input with
/// <see cref="Load(ReadOnlyMemory{byte})"/> without allocating.
/// </summary>
public sealed class MessageReader
{
    internal Segment[] Segments;
    private int _segmentCount;
    internal long Budget;   // words left to traverse
    private readonly ReaderOptions _options;

    /// <summary>An empty reader to <see cref="Load(ReadOnlyMemory{byte})"/> framed messages into, reusing its table.</summary>
    public MessageReader(ReaderOptions? options = null)
    {
        _options = options ?? ReaderOptions.Default;
        Segments = [];
    }

    internal MessageReader(Segment[] segments, int count, ReaderOptions options)
    {
        _options = options;
        Segments = segments;
        _segmentCount = count;
        Budget = options.TraversalLimitInWords;
    }

    public ReaderOptions Options => _options;
    public int SegmentCount => _segmentCount;

    /// <summary>Words still allowed by <see cref="ReaderOptions.TraversalLimitInWords"/>.</summary>
    public long TraversalWordsLeft => Budget;

    /// <summary>Reads one framed message (segment table, then segments) from the start of <paramref name="framed"/>;
    /// zero-copy: the segments are slices of the input. Trailing bytes are ignored.</summary>
    public static MessageReader ReadFramed(ReadOnlyMemory<byte> framed, ReaderOptions? options = null) =>
        ReadFramed(framed, out _, options);

    /// <summary>As <see cref="ReadFramed(ReadOnlyMemory{byte}, ReaderOptions?)"/>, also returning the bytes the
    /// message occupied, so that consecutive messages in one buffer (a log) can be read in turn.</summary>
    public static MessageReader ReadFramed(ReadOnlyMemory<byte> framed, out int consumedBytes, ReaderOptions? options = null)
    {
        var reader = new MessageReader(options);
        consumedBytes = reader.Load(framed);
        return reader;
    }

    /// <summary>Reads a framed message from a span by copying it once (a span cannot outlive the call; the
    /// <see cref="ReadOnlyMemory{T}"/> overload is zero-copy).</summary>
    public static MessageReader CopyFramed(ReadOnlySpan<byte> framed, ReaderOptions? options = null) =>
        ReadFramed(framed.ToArray(), options);

    /// <summary>Reads the next framed message from <paramref name="stream"/>; null at a clean end of stream.</summary>
    public static MessageReader? ReadFramed(Stream stream, ReaderOptions? options = null) =>
        Framing.ReadFromStream(stream, options ?? ReaderOptions.Default);

    /// <summary>Reads the next packed, framed message from <paramref name="stream"/>; null at a clean end of stream.
    /// Consumes exactly the message's packed bytes (it unpacks word by word only as far as the segment table and
    /// segments need), so consecutive calls on one stream return consecutive messages. As in the reference, a
    /// message's packing must not run into the next message (each message is packed on its own).</summary>
    public static MessageReader? ReadPacked(Stream stream, ReaderOptions? options = null)
    {
        var unpacking = new UnpackingStream(stream);
        var message = Framing.ReadFromStream(unpacking, options ?? ReaderOptions.Default);
        if (unpacking.Pending != 0)
            ThrowHelper.Framing($"packed input does not end cleanly at the message boundary: the run whose tag ends before " +
                $"byte {unpacking.Consumed} unpacks {unpacking.Pending} bytes past the message");
        return message;
    }

    /// <summary>Reads one packed, framed message held entirely in <paramref name="packed"/>.</summary>
    public static MessageReader ReadPacked(ReadOnlySpan<byte> packed, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        long maxBytes = options.MessageSizeLimitInWords > long.MaxValue / 8 - 4096
            ? long.MaxValue : (options.MessageSizeLimitInWords + 4L * (options.SegmentCountLimit + 2)) * 8;
        return ReadFramed(Packing.Unpack(packed, maxBytes), options);
    }

    /// <summary>A message over already separated segments (each a multiple of 8 bytes). Array-backed memory is used
    /// in place; other memory is copied once into an array.</summary>
    public static MessageReader FromSegments(IReadOnlyList<ReadOnlyMemory<byte>> segments, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        if (segments.Count > options.SegmentCountLimit)
            ThrowHelper.Limit(nameof(ReaderOptions.SegmentCountLimit), -1, -1,
                $"message has {segments.Count} segments, more than SegmentCountLimit {options.SegmentCountLimit}");
        var table = new Segment[segments.Count];
        for (int i = 0; i < table.Length; i++)
        {
            var memory = segments[i];
            if (memory.Length % 8 != 0)
                ThrowHelper.Malformed(i, -1, $"segment {i} is {memory.Length} bytes, not a whole number of 8-byte words");
            table[i] = MemoryMarshal.TryGetArray(memory, out var array)
                ? new Segment(array.Array!, array.Offset, array.Count / 8)
                : new Segment(memory.ToArray(), 0, memory.Length / 8);
        }
        return new MessageReader(table, table.Length, options);
    }

    /// <summary>Re-points this reader at the framed message at the start of <paramref name="framed"/> (zero-copy) and
    /// refills the traversal budget; allocation-free when the message has no more segments than any before.
    /// Returns the bytes the message occupied. Readers obtained before are invalidated.</summary>
    public int Load(ReadOnlyMemory<byte> framed)
    {
        if (!MemoryMarshal.TryGetArray(framed, out var array)) array = framed.ToArray();
        int consumed = Framing.ParseTable(array.Array!, array.Offset, array.Count, _options, ref Segments, out _segmentCount);
        Budget = _options.TraversalLimitInWords;
        return consumed;
    }

    /// <summary>Restores the full traversal budget, e.g. before walking the same message again.</summary>
    public void ResetTraversalBudget() => Budget = _options.TraversalLimitInWords;

    /// <summary>The root struct (reads the root pointer; counts toward the traversal limit).</summary>
    public StructReader Root => GetRoot();

    public StructReader GetRoot() => RootPointer.AsStruct();

    /// <summary>The root pointer, to read a root that is a list or to inspect its kind.</summary>
    public AnyPointerReader RootPointer
    {
        get
        {
            if (_segmentCount == 0 || Segments[0].Words == 0)
                ThrowHelper.Malformed(0, 0, "message has no root pointer: its first segment is empty");
            return new AnyPointerReader(this, 0, Segments[0].Start, _options.NestingLimit);
        }
    }

    /// <summary>The bytes of segment <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> GetSegment(int index)
    {
        if ((uint)index >= (uint)_segmentCount) ThrowHelper.OutOfRange("segment", index, _segmentCount);
        var s = Segments[index];
        return new ReadOnlyMemory<byte>(s.Array, s.Start, s.Words * 8);
    }

    /// <summary>Charges <paramref name="words"/> to the traversal budget; throws when it is spent.</summary>
    internal void Charge(long words, int segment, long word)
    {
        if (words > Budget)
            ThrowHelper.Limit(nameof(ReaderOptions.TraversalLimitInWords), segment, word,
                $"reading {words} words at segment {segment} word {word} exceeds TraversalLimitInWords " +
                $"{_options.TraversalLimitInWords} (message too large, or amplified by shared pointers or zero-sized list elements)");
        Budget -= words;
    }

    internal void ReplaceSegments(Segment[] segments, int count)
    {
        Segments = segments;
        _segmentCount = count;
    }
}
