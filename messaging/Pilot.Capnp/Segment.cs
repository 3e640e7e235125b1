namespace Pilot.Capnp;

/// <summary>One segment as the readers see it: a window of <see cref="Words"/> words starting at byte
/// <see cref="Start"/> of <see cref="Array"/>. Readers keep absolute byte indexes into <see cref="Array"/>.</summary>
internal readonly struct Segment(byte[] array, int start, int words)
{
    public readonly byte[] Array = array;
    public readonly int Start = start;   // bytes
    public readonly int Words = words;   // 8-byte words

    /// <summary>Word index inside this segment of an absolute byte index into <see cref="Array"/>.</summary>
    public long WordOf(int absoluteByte) => (absoluteByte - Start) >> 3;
}
