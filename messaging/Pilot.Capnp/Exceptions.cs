namespace Pilot.Capnp;

/// <summary>
/// Malformed Cap'n Proto input: a pointer outside its segment, a truncated segment table, text without its NUL,
/// an incompatible list. <see cref="Segment"/> and <see cref="Word"/> locate the offending word (-1 when unknown,
/// e.g. for framing errors, where the message names the byte offset instead).
/// </summary>
public class CapnpException : Exception
{
    public CapnpException(string message, int segment = -1, long word = -1) : base(message)
    {
        Segment = segment;
        Word = word;
    }

    /// <summary>Index of the segment holding the offending word, or -1.</summary>
    public int Segment { get; }

    /// <summary>Word index inside <see cref="Segment"/> of the offending word, or -1.</summary>
    public long Word { get; }
}

/// <summary>
/// Input that is well-formed but exceeds one of the <see cref="ReaderOptions"/> security limits (or a limit given to
/// <see cref="Packing.Unpack(ReadOnlySpan{byte}, long)"/>). <see cref="Limit"/> is the option's name, e.g.
/// "TraversalLimitInWords", "NestingLimit", "SegmentCountLimit", "MessageSizeLimitInWords".
/// </summary>
public sealed class CapnpLimitException : CapnpException
{
    public CapnpLimitException(string limit, string message, int segment = -1, long word = -1)
        : base(message, segment, word) => Limit = limit;

    /// <summary>The name of the exceeded limit (a <see cref="ReaderOptions"/> property name).</summary>
    public string Limit { get; }
}
