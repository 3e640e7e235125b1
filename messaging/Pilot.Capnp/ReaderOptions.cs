namespace Pilot.Capnp;

/// <summary>
/// Security limits applied while reading untrusted messages, with the reference implementation's defaults
/// (capnp/message.h <c>ReaderOptions</c>). Each violation throws <see cref="CapnpLimitException"/> whose
/// <see cref="CapnpLimitException.Limit"/> is the property name below.
/// </summary>
public sealed class ReaderOptions
{
    /// <summary>
    /// Words a reader may traverse before it refuses, counted per struct or list read (struct data + pointer
    /// sections, list bodies, far landing pads). Threat: a small message whose pointers all point at the same large
    /// object (or a list of zero-sized elements, which is counted as one word per element) makes a naive consumer
    /// do unbounded work; this bounds total work to a multiple of what the sender paid for. Default 8 Mi words (64 MiB).
    /// Re-reading the same field counts again, as in the reference implementation.
    /// </summary>
    public long TraversalLimitInWords { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Depth of struct/list pointers followed from the root. Threat: deeply nested or cyclic pointers
    /// exhaust the stack of recursive consumers (copy, canonicalize, printers). Default 64.
    /// </summary>
    public int NestingLimit { get; init; } = 64;

    /// <summary>
    /// Segments a framed message may declare. Threat: a segment table claiming 2^32 segments would make a reader
    /// allocate a huge table before reading any data. Default 512 (the C++ stream reader's bound).
    /// </summary>
    public int SegmentCountLimit { get; init; } = 512;

    /// <summary>
    /// Total words a framed message may declare when read from a stream or buffer. Threat: a table claiming 2^32 words
    /// per segment makes a reader allocate gigabytes up front; stream reading also allocates only as data arrives.
    /// Default 8 Mi words, as the C++ stream reader bounds message size by the traversal limit.
    /// </summary>
    public long MessageSizeLimitInWords { get; init; } = 8 * 1024 * 1024;

    /// <summary>The defaults above.</summary>
    public static ReaderOptions Default { get; } = new();

    /// <summary>Options for readers over a trusted builder's own segments: no limits.</summary>
    internal static ReaderOptions Unlimited { get; } = new()
    {
        TraversalLimitInWords = long.MaxValue, NestingLimit = int.MaxValue,
        SegmentCountLimit = int.MaxValue, MessageSizeLimitInWords = long.MaxValue,
    };
}
