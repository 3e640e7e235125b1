namespace Pilot.Capnp;

/// <summary>
/// Writes pointers inside a builder: allocates objects near their pointer when possible, otherwise places them in
/// another segment behind a far pointer (one-word landing pad next to the object). Pointing at an existing object in a
/// full segment takes a double-far pointer (two-word pad elsewhere). Also resolves the builder's own pointers, which are trusted.
/// </summary>
internal static class BuilderPointers
{
    /// <summary>
    /// Allocates <paramref name="words"/> words for the object described by <paramref name="tag"/> (a struct or list
    /// pointer whose offset is ignored) and points the pointer at word <paramref name="pointerWord"/> of
    /// <paramref name="segment"/> at it. Returns the object's segment and first word.
    /// </summary>
    public static (int Segment, int Word) Allocate(MessageBuilder b, int segment, int pointerWord, int words, ulong tag)
    {
        Clear(b, segment, pointerWord);
        if (words == 0 && WirePointer.Kind(tag) == WirePointer.StructKind)
        {
            // A zero-sized struct points at itself (offset -1): offset 0 with no sizes would read as null.
            Put(b, segment, pointerWord, WirePointer.WithOffset(tag, -1));
            return (segment, pointerWord);
        }
        int at = b.TryAllocate(segment, words);
        if (at >= 0)
        {
            Put(b, segment, pointerWord, WirePointer.WithOffset(tag, at - pointerWord - 1));
            return (segment, at);
        }
        // As C++ WireHelpers::allocate: ask for one more word than the object so its landing pad fits next to it,
        // first in the newest segment, else in a new one sized for both (never a double-far pointer here).
        int target = b.LastSegment;
        at = target == segment ? -1 : b.TryAllocate(target, words + 1);
        if (at < 0)
        {
            target = b.AddSegment(words + 1);
            at = b.TryAllocate(target, words + 1);
        }
        Put(b, target, at, WirePointer.WithOffset(tag, 0));
        Put(b, segment, pointerWord, WirePointer.Far(false, at, target));
        return (target, at + 1);
    }

    /// <summary>Points the pointer at an existing object, adding a landing pad when it lives in another segment.</summary>
    public static void PointTo(MessageBuilder b, int segment, int pointerWord, int targetSegment, int targetWord, ulong tag)
    {
        if (WirePointer.Kind(tag) == WirePointer.StructKind && WirePointer.StructDataWords(tag) + WirePointer.StructPointerCount(tag) == 0)
        {
            Put(b, segment, pointerWord, WirePointer.WithOffset(tag, -1));
            return;
        }
        if (segment == targetSegment)
        {
            Put(b, segment, pointerWord, WirePointer.WithOffset(tag, targetWord - pointerWord - 1));
            return;
        }
        int pad = b.TryAllocate(targetSegment, 1);
        if (pad >= 0)
        {
            Put(b, targetSegment, pad, WirePointer.WithOffset(tag, targetWord - pad - 1));
            Put(b, segment, pointerWord, WirePointer.Far(false, pad, targetSegment));
            return;
        }
        DoubleFar(b, segment, pointerWord, targetSegment, targetWord, tag);
    }

    private static void DoubleFar(MessageBuilder b, int segment, int pointerWord, int targetSegment, int targetWord, ulong tag)
    {
        int padSegment = b.LastSegment;
        int pad = b.TryAllocate(padSegment, 2);
        if (pad < 0)
        {
            padSegment = b.AddSegment(2);
            pad = b.TryAllocate(padSegment, 2);
        }
        Put(b, padSegment, pad, WirePointer.Far(false, targetWord, targetSegment));
        Put(b, padSegment, pad + 1, WirePointer.WithOffset(tag, 0));
        Put(b, segment, pointerWord, WirePointer.Far(true, pad, padSegment));
    }

    /// <summary>
    /// Nulls the pointer and zeroes what it pointed to (landing pads, the object and, recursively, its children), as
    /// the C++ builder does: the space stays allocated, but a replaced value never travels in the message.
    /// </summary>
    public static void Clear(MessageBuilder b, int segment, int pointerWord)
    {
        ulong p = Get(b, segment, pointerWord);
        if (p == 0) return;
        var (tag, seg, word) = Resolve(b, segment, pointerWord);
        if (WirePointer.Kind(p) == WirePointer.FarKind)
            Array.Clear(b.Buffers[WirePointer.FarSegment(p)], WirePointer.FarPadWord(p) * 8, WirePointer.IsDoubleFar(p) ? 16 : 8);
        Put(b, segment, pointerWord, 0);
        if (WirePointer.Kind(tag) == WirePointer.StructKind)
        {
            int data = WirePointer.StructDataWords(tag), pointers = WirePointer.StructPointerCount(tag);
            for (int i = 0; i < pointers; i++) Clear(b, seg, word + data + i);
            Array.Clear(b.Buffers[seg], word * 8, (data + pointers) * 8);
        }
        else if (WirePointer.Kind(tag) == WirePointer.ListKind)
        {
            var size = WirePointer.ListElementSize(tag);
            int count = WirePointer.ListCount(tag);
            if (size == ElementSize.InlineComposite)
            {
                ulong elementTag = Get(b, seg, word);
                int elements = WirePointer.TagElementCount(elementTag);
                int data = WirePointer.StructDataWords(elementTag), pointers = WirePointer.StructPointerCount(elementTag);
                for (int e = 0; e < elements; e++)
                    for (int i = 0; i < pointers; i++) Clear(b, seg, word + 1 + e * (data + pointers) + data + i);
                Array.Clear(b.Buffers[seg], word * 8, (count + 1) * 8);
            }
            else if (size == ElementSize.Pointer)
            {
                for (int i = 0; i < count; i++) Clear(b, seg, word + i);
                Array.Clear(b.Buffers[seg], word * 8, count * 8);
            }
            else Array.Clear(b.Buffers[seg], word * 8, (int)(((long)count * WirePointer.DataBits(size) + 63) / 64) * 8);
        }
    }

    /// <summary>Resolves a builder pointer through far pointers: the describing pointer word and the object's place.</summary>
    public static (ulong Tag, int Segment, int Word) Resolve(MessageBuilder b, int segment, int pointerWord)
    {
        ulong p = Get(b, segment, pointerWord);
        if (WirePointer.Kind(p) != WirePointer.FarKind) return (p, segment, pointerWord + 1 + WirePointer.Offset(p));
        int padSegment = (int)WirePointer.FarSegment(p), pad = WirePointer.FarPadWord(p);
        ulong landing = Get(b, padSegment, pad);
        if (!WirePointer.IsDoubleFar(p)) return (landing, padSegment, pad + 1 + WirePointer.Offset(landing));
        return (Get(b, padSegment, pad + 1), (int)WirePointer.FarSegment(landing), WirePointer.FarPadWord(landing));
    }

    public static ulong Get(MessageBuilder b, int segment, int word) => LittleEndian.U64(b.Buffers[segment], word * 8);

    public static void Put(MessageBuilder b, int segment, int word, ulong value) => LittleEndian.Put64(b.Buffers[segment], word * 8, value);
}
