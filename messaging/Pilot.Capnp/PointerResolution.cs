namespace Pilot.Capnp;

/// <summary>
/// Follows untrusted pointers: resolves far and double-far pointers, checks every object against its segment,
/// charges the traversal budget and the nesting limit, and builds the zero-copy views. Every check of a received
/// pointer lives here, once; the views trust what this class proved.
/// </summary>
internal static class PointerResolution
{
    /// <summary>The object a pointer designates after far pointers: the pointer word that describes it (kind and
    /// sizes), its segment and its first word.</summary>
    private readonly record struct Target(ulong Pointer, int Segment, long Word);

    /// <summary>Resolves <paramref name="pointer"/>, read at absolute byte <paramref name="pointerByte"/> of
    /// <paramref name="segment"/>, to its object.</summary>
    private static Target Follow(MessageReader m, int segment, int pointerByte, ulong pointer)
    {
        var seg = m.Segments[segment];
        long pointerWord = seg.WordOf(pointerByte);
        if (WirePointer.Kind(pointer) != WirePointer.FarKind)
            return new Target(pointer, segment, pointerWord + 1 + WirePointer.Offset(pointer));

        bool isDouble = WirePointer.IsDoubleFar(pointer);
        int padSegment = CheckSegmentId(m, WirePointer.FarSegment(pointer), segment, pointerWord, "far pointer");
        var pad = m.Segments[padSegment];
        int padWord = WirePointer.FarPadWord(pointer);
        int padWords = isDouble ? 2 : 1;
        if ((long)padWord + padWords > pad.Words)
            ThrowHelper.Malformed(segment, pointerWord,
                $"far pointer at segment {segment} word {pointerWord} points outside segment {padSegment} " +
                $"(landing pad at word {padWord}, {padWords} words, segment has {pad.Words} words)");
        m.Charge(padWords, padSegment, padWord);
        ulong landing = LittleEndian.U64(pad.Array, pad.Start + padWord * 8);
        if (!isDouble)
        {
            if (WirePointer.Kind(landing) == WirePointer.FarKind)
                ThrowHelper.Malformed(padSegment, padWord,
                    $"far pointer at segment {segment} word {pointerWord} lands on another far pointer at segment {padSegment} word {padWord}");
            return new Target(landing, padSegment, padWord + 1L + WirePointer.Offset(landing));
        }
        if (WirePointer.Kind(landing) != WirePointer.FarKind || WirePointer.IsDoubleFar(landing))
            ThrowHelper.Malformed(padSegment, padWord,
                $"double-far landing pad at segment {padSegment} word {padWord} must start with a single far pointer, found a {WirePointer.KindName(landing)} pointer");
        int contentSegment = CheckSegmentId(m, WirePointer.FarSegment(landing), padSegment, padWord, "double-far landing pad");
        ulong tag = LittleEndian.U64(pad.Array, pad.Start + padWord * 8 + 8);
        if (WirePointer.Kind(tag) == WirePointer.FarKind)
            ThrowHelper.Malformed(padSegment, padWord + 1,
                $"double-far landing pad at segment {padSegment} word {padWord} has a far pointer as its tag");
        return new Target(tag, contentSegment, WirePointer.FarPadWord(landing));
    }

    private static int CheckSegmentId(MessageReader m, uint id, int segment, long word, string what)
    {
        if (id >= (uint)m.SegmentCount)
            ThrowHelper.Malformed(segment, word,
                $"{what} at segment {segment} word {word} names segment {id}, but the message has {m.SegmentCount} segments");
        return (int)id;
    }

    private static void CheckNesting(MessageReader m, int nesting, int segment, long word)
    {
        if (nesting <= 0)
            ThrowHelper.Limit(nameof(ReaderOptions.NestingLimit), segment, word,
                $"pointer at segment {segment} word {word} exceeds NestingLimit {m.Options.NestingLimit} (message too deeply nested, or cyclic)");
    }

    private static void CheckBounds(MessageReader m, Target t, long words, string what, int segment, long pointerWord)
    {
        var seg = m.Segments[t.Segment];
        if (t.Word < 0 || t.Word + words > seg.Words)
            ThrowHelper.Malformed(segment, pointerWord,
                $"{what} pointer at segment {segment} word {pointerWord} points outside its segment " +
                $"(target segment {t.Segment} word {t.Word}, {words} words, segment has {seg.Words} words)");
    }

    /// <summary>Follows a pointer that must designate a <paramref name="kind"/> object; false for a capability,
    /// which reads as null since there is no capability table.</summary>
    private static bool TryFollow(MessageReader m, int segment, int pointerByte, ulong pointer, int kind, string expected, out Target t)
    {
        t = Follow(m, segment, pointerByte, pointer);
        if (WirePointer.IsCapability(t.Pointer)) return false;
        if (WirePointer.Kind(t.Pointer) != kind)
        {
            long word = m.Segments[segment].WordOf(pointerByte);
            ThrowHelper.Malformed(segment, word,
                $"expected a {expected} pointer at segment {segment} word {word}, found a {WirePointer.KindName(t.Pointer)} pointer");
        }
        return true;
    }

    /// <summary>The struct at the pointer at byte <paramref name="pointerByte"/>; null and capability pointers read
    /// as the empty struct.</summary>
    public static StructReader ReadStruct(MessageReader m, int segment, int pointerByte, int nesting)
    {
        var seg = m.Segments[segment];
        ulong pointer = LittleEndian.U64(seg.Array, pointerByte);
        if (pointer == 0) return default;
        // Fast path: a near struct pointer inside its segment, within the budget and the nesting limit. Anything
        // else, including every error, takes the general path below, which re-checks from scratch.
        if (WirePointer.Kind(pointer) == WirePointer.StructKind && nesting > 0)
        {
            long target = seg.WordOf(pointerByte) + 1 + WirePointer.Offset(pointer);
            int dataWords = WirePointer.StructDataWords(pointer), words = dataWords + WirePointer.StructPointerCount(pointer);
            if (target >= 0 && target + words <= seg.Words && words <= m.Budget)
            {
                m.Budget -= words;
                int start = seg.Start + (int)target * 8;
                return new StructReader(m, seg.Array, segment, start, dataWords * 8, start + dataWords * 8,
                    WirePointer.StructPointerCount(pointer), nesting - 1);
            }
        }
        return ReadStructSlow(m, segment, pointerByte, pointer, nesting);
    }

    internal static StructReader ReadStructSlow(MessageReader m, int segment, int pointerByte, ulong pointer, int nesting)
    {
        long pointerWord = m.Segments[segment].WordOf(pointerByte);
        CheckNesting(m, nesting, segment, pointerWord);
        if (!TryFollow(m, segment, pointerByte, pointer, WirePointer.StructKind, "struct", out var t)) return default;
        int dataWords = WirePointer.StructDataWords(t.Pointer), pointers = WirePointer.StructPointerCount(t.Pointer);
        CheckBounds(m, t, dataWords + pointers, "struct", segment, pointerWord);
        m.Charge(dataWords + pointers, t.Segment, t.Word);
        var seg = m.Segments[t.Segment];
        int start = seg.Start + (int)t.Word * 8;
        return new StructReader(m, seg.Array, t.Segment, start, dataWords * 8, start + dataWords * 8, pointers, nesting - 1);
    }

    /// <summary>The list at the pointer at byte <paramref name="pointerByte"/>; null and capability pointers read as
    /// the empty list.</summary>
    public static ListReader ReadList(MessageReader m, int segment, int pointerByte, int nesting)
    {
        var seg = m.Segments[segment];
        ulong pointer = LittleEndian.U64(seg.Array, pointerByte);
        if (pointer == 0) return default;
        // Fast path: a near list pointer to primitive (non-void, non-composite) elements inside its segment.
        var size = WirePointer.ListElementSize(pointer);
        if (WirePointer.Kind(pointer) == WirePointer.ListKind && nesting > 0 && size is > ElementSize.Void and < ElementSize.InlineComposite)
        {
            long target = seg.WordOf(pointerByte) + 1 + WirePointer.Offset(pointer);
            int count = WirePointer.ListCount(pointer);
            int dataBits = WirePointer.DataBits(size), step = size == ElementSize.Pointer ? 64 : dataBits;
            long words = ((long)count * step + 63) >> 6;
            if (target >= 0 && target + words <= seg.Words && words <= m.Budget)
            {
                m.Budget -= words;
                return new ListReader(m, seg.Array, segment, seg.Start + (int)target * 8, count, step, dataBits,
                    size == ElementSize.Pointer ? 1 : 0, size, nesting - 1);
            }
        }
        else if (WirePointer.Kind(pointer) == WirePointer.ListKind && nesting > 0 && size == ElementSize.InlineComposite)
        {
            // Fast path: a near struct list with non-empty elements that fit its word count.
            long target = seg.WordOf(pointerByte) + 1 + WirePointer.Offset(pointer);
            long words = WirePointer.ListCount(pointer) + 1L;
            if (target >= 0 && target + words <= seg.Words && words <= m.Budget)
            {
                int tagByte = seg.Start + (int)target * 8;
                ulong tag = LittleEndian.U64(seg.Array, tagByte);
                int count = WirePointer.TagElementCount(tag);
                int dataWords = WirePointer.StructDataWords(tag), elementWords = dataWords + WirePointer.StructPointerCount(tag);
                if (WirePointer.Kind(tag) == WirePointer.StructKind && elementWords > 0 && (long)count * elementWords < words)
                {
                    m.Budget -= words;
                    return new ListReader(m, seg.Array, segment, tagByte + 8, count, elementWords * 64, dataWords * 64,
                        elementWords - dataWords, ElementSize.InlineComposite, nesting - 1);
                }
            }
        }
        return ReadListSlow(m, segment, pointerByte, pointer, nesting);
    }

    internal static ListReader ReadListSlow(MessageReader m, int segment, int pointerByte, ulong pointer, int nesting)
    {
        long pointerWord = m.Segments[segment].WordOf(pointerByte);
        CheckNesting(m, nesting, segment, pointerWord);
        if (!TryFollow(m, segment, pointerByte, pointer, WirePointer.ListKind, "list", out var t)) return default;
        var seg = m.Segments[t.Segment];
        var size = WirePointer.ListElementSize(t.Pointer);
        if (size == ElementSize.InlineComposite)
        {
            long wordCount = WirePointer.ListCount(t.Pointer);
            CheckBounds(m, t, wordCount + 1, "list", segment, pointerWord);
            m.Charge(wordCount + 1, t.Segment, t.Word);
            ulong tag = LittleEndian.U64(seg.Array, seg.Start + (int)t.Word * 8);
            if (WirePointer.Kind(tag) != WirePointer.StructKind)
                ThrowHelper.Malformed(t.Segment, t.Word,
                    $"inline-composite list tag at segment {t.Segment} word {t.Word} is a {WirePointer.KindName(tag)} pointer, not a struct tag");
            int count = WirePointer.TagElementCount(tag);
            int dataWords = WirePointer.StructDataWords(tag), pointers = WirePointer.StructPointerCount(tag);
            if ((long)count * (dataWords + pointers) > wordCount)
                ThrowHelper.Malformed(t.Segment, t.Word,
                    $"inline-composite list at segment {t.Segment} word {t.Word}: {count} elements of {dataWords + pointers} words overrun its {wordCount} words");
            // Zero-sized elements cost no bytes on the wire; count one word each so that a tiny message cannot
            // make a consumer iterate 2^30 times (the reference implementation's amplification rule).
            if (dataWords + pointers == 0) m.Charge(count, t.Segment, t.Word);
            int start = seg.Start + (int)t.Word * 8 + 8;
            return new ListReader(m, seg.Array, t.Segment, start, count, (dataWords + pointers) * 64,
                dataWords * 64, pointers, ElementSize.InlineComposite, nesting - 1);
        }
        else
        {
            int count = WirePointer.ListCount(t.Pointer);
            int dataBits = WirePointer.DataBits(size), pointers = size == ElementSize.Pointer ? 1 : 0;
            int step = dataBits + pointers * 64;
            long words = ((long)count * step + 63) / 64;
            CheckBounds(m, t, words, "list", segment, pointerWord);
            m.Charge(words, t.Segment, t.Word);
            if (size == ElementSize.Void) m.Charge(count, t.Segment, t.Word);   // amplification rule, as above
            return new ListReader(m, seg.Array, t.Segment, seg.Start + (int)t.Word * 8, count, step, dataBits, pointers, size, nesting - 1);
        }
    }

    /// <summary>The bytes of the byte list at the pointer (text includes its NUL); empty for null.</summary>
    public static ReadOnlySpan<byte> ReadBytes(MessageReader m, int segment, int pointerByte, bool text)
    {
        var seg = m.Segments[segment];
        ulong pointer = LittleEndian.U64(seg.Array, pointerByte);
        if (pointer == 0) return default;
        // Fast path: a near byte-list pointer inside its segment (text: non-empty and NUL-terminated).
        if ((pointer & 0x7_0000_0003UL) == (((ulong)ElementSize.Byte << 32) | WirePointer.ListKind))
        {
            long target = seg.WordOf(pointerByte) + 1 + WirePointer.Offset(pointer);
            int count = WirePointer.ListCount(pointer);
            long words = (count + 7L) >> 3;
            if (target >= 0 && target + words <= seg.Words && words <= m.Budget)
            {
                int start = seg.Start + (int)target * 8;
                int length = text ? count - 1 : count;
                if (!text || (count > 0 && seg.Array[start + length] == 0))
                {
                    m.Budget -= words;
                    return new ReadOnlySpan<byte>(seg.Array, start, length);
                }
            }
        }
        return ReadBytesSlow(m, segment, pointerByte, pointer, text);
    }

    internal static ReadOnlySpan<byte> ReadBytesSlow(MessageReader m, int segment, int pointerByte, ulong pointer, bool text)
    {
        long pointerWord = m.Segments[segment].WordOf(pointerByte);
        string what = text ? "text" : "data";
        if (!TryFollow(m, segment, pointerByte, pointer, WirePointer.ListKind, text ? "text (list)" : "data (list)", out var t)) return default;
        if (WirePointer.ListElementSize(t.Pointer) != ElementSize.Byte)
            ThrowHelper.Malformed(segment, pointerWord,
                $"{what} pointer at segment {segment} word {pointerWord} has element size {WirePointer.ListElementSize(t.Pointer)}, expected Byte");
        int count = WirePointer.ListCount(t.Pointer);
        long words = (count + 7L) / 8;
        CheckBounds(m, t, words, what, segment, pointerWord);
        m.Charge(words, t.Segment, t.Word);
        var target = m.Segments[t.Segment];
        int start = target.Start + (int)t.Word * 8;
        if (text)
        {
            if (count == 0 || target.Array[start + count - 1] != 0)
                ThrowHelper.Malformed(segment, pointerWord,
                    $"text at segment {t.Segment} word {t.Word} (pointer at segment {segment} word {pointerWord}) is not NUL-terminated");
            count--;
        }
        return new ReadOnlySpan<byte>(target.Array, start, count);
    }

    /// <summary>The kind of the object the pointer designates (far pointers resolved; charges the landing pads).</summary>
    public static PointerKind KindOf(MessageReader m, int segment, int pointerByte)
    {
        ulong pointer = LittleEndian.U64(m.Segments[segment].Array, pointerByte);
        if (pointer == 0) return PointerKind.Null;
        var t = Follow(m, segment, pointerByte, pointer);
        switch (WirePointer.Kind(t.Pointer))
        {
            case WirePointer.StructKind: return PointerKind.Struct;
            case WirePointer.ListKind: return PointerKind.List;
        }
        if (WirePointer.IsCapability(t.Pointer)) return PointerKind.Capability;
        long word = m.Segments[segment].WordOf(pointerByte);
        ThrowHelper.Malformed(segment, word, $"pointer at segment {segment} word {word} has an unknown kind (other, not a capability)");
        return default;
    }
}
