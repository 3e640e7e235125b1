using System.Text;

namespace Pilot.Capnp;

/// <summary>The pointer setters shared by struct fields and list elements: each targets the pointer word at
/// <c>pointerWord</c> of <c>segment</c> in builder <c>b</c>.</summary>
internal static class PointerWriter
{
    public static StructBuilder InitStruct(MessageBuilder b, int segment, int pointerWord, int dataWords, int pointerCount)
    {
        if ((uint)dataWords > ushort.MaxValue || (uint)pointerCount > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(dataWords), $"struct of {dataWords} data words and {pointerCount} pointers exceeds 65535 of either");
        var (seg, word) = BuilderPointers.Allocate(b, segment, pointerWord, dataWords + pointerCount,
            WirePointer.Struct(0, dataWords, pointerCount));
        return View(b, seg, word, dataWords, pointerCount);
    }

    private static StructBuilder View(MessageBuilder b, int seg, int word, int dataWords, int pointerCount) =>
        new(b, b.Buffers[seg], seg, word * 8, dataWords * 8, (word + dataWords) * 8, pointerCount);

    /// <summary>The existing struct, or a new one. An existing struct smaller than asked (written by an older schema)
    /// is moved to a larger allocation, its pointers re-targeted and its old words zeroed, as the C++ builder does.</summary>
    public static StructBuilder GetStruct(MessageBuilder b, int segment, int pointerWord, int dataWords, int pointerCount)
    {
        if (BuilderPointers.Get(b, segment, pointerWord) == 0) return InitStruct(b, segment, pointerWord, dataWords, pointerCount);
        var (tag, oldSeg, oldWord) = BuilderPointers.Resolve(b, segment, pointerWord);
        if (WirePointer.Kind(tag) != WirePointer.StructKind)
            ThrowHelper.Misuse($"pointer at segment {segment} word {pointerWord} holds a {WirePointer.KindName(tag)}, not a struct");
        int oldData = WirePointer.StructDataWords(tag), oldPointers = WirePointer.StructPointerCount(tag);
        if (oldData >= dataWords && oldPointers >= pointerCount) return View(b, oldSeg, oldWord, oldData, oldPointers);

        int newData = Math.Max(oldData, dataWords), newPointers = Math.Max(oldPointers, pointerCount);
        BuilderPointers.Put(b, segment, pointerWord, 0);   // detach first: the children move, they are not cleared
        var moved = InitStruct(b, segment, pointerWord, newData, newPointers);
        b.Buffers[oldSeg].AsSpan(oldWord * 8, oldData * 8).CopyTo(b.Buffers[moved.Segment].AsSpan(moved.DataStart));
        for (int i = 0; i < oldPointers; i++)
        {
            int from = oldWord + oldData + i;
            if (BuilderPointers.Get(b, oldSeg, from) == 0) continue;
            var (childTag, childSeg, childWord) = BuilderPointers.Resolve(b, oldSeg, from);
            BuilderPointers.PointTo(b, moved.Segment, moved.PointerStart / 8 + i, childSeg, childWord, childTag);
        }
        Array.Clear(b.Buffers[oldSeg], oldWord * 8, (oldData + oldPointers) * 8);
        return moved;
    }

    public static ListBuilder InitList(MessageBuilder b, int segment, int pointerWord, ElementSize size, int count)
    {
        if (size == ElementSize.InlineComposite) ThrowHelper.Misuse("use InitStructList for lists of structs");
        CheckCount(count);
        int dataBits = WirePointer.DataBits(size), pointers = size == ElementSize.Pointer ? 1 : 0;
        int step = dataBits + 64 * pointers;
        int words = (int)(((long)count * step + 63) / 64);
        var (seg, word) = BuilderPointers.Allocate(b, segment, pointerWord, words, WirePointer.List(0, size, count));
        return new ListBuilder(b, b.Buffers[seg], seg, word * 8, count, step, dataBits, pointers, size);
    }

    public static ListBuilder InitStructList(MessageBuilder b, int segment, int pointerWord, int count, int dataWords, int pointerCount)
    {
        CheckCount(count);
        long words = (long)count * (dataWords + pointerCount);
        if (words > WirePointer.MaxListCount) throw new ArgumentOutOfRangeException(nameof(count), $"struct list of {words} words exceeds 2^29-1");
        var (seg, word) = BuilderPointers.Allocate(b, segment, pointerWord, (int)words + 1,
            WirePointer.List(0, ElementSize.InlineComposite, (int)words));
        BuilderPointers.Put(b, seg, word, WirePointer.Struct(count, dataWords, pointerCount));   // tag: offset field = count
        return new ListBuilder(b, b.Buffers[seg], seg, (word + 1) * 8, count, (dataWords + pointerCount) * 64,
            dataWords * 64, pointerCount, ElementSize.InlineComposite);
    }

    private static void CheckCount(int count)
    {
        if ((uint)count > WirePointer.MaxListCount) throw new ArgumentOutOfRangeException(nameof(count), count, "list count must be 0..2^29-1");
    }

    /// <summary>Writes text as NUL-terminated UTF-8, encoded straight into the segment; null clears the pointer.</summary>
    public static void SetText(MessageBuilder b, int segment, int pointerWord, string? value)
    {
        if (value is null)
        {
            BuilderPointers.Clear(b, segment, pointerWord);
            return;
        }
        int length = Encoding.UTF8.GetByteCount(value);
        int start = AllocateBytes(b, segment, pointerWord, length + 1, out int seg);
        Encoding.UTF8.GetBytes(value, b.Buffers[seg].AsSpan(start, length));
    }

    public static void SetText(MessageBuilder b, int segment, int pointerWord, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOf((byte)0) >= 0) throw new ArgumentException("text must not contain NUL", nameof(utf8));
        int start = AllocateBytes(b, segment, pointerWord, utf8.Length + 1, out int seg);
        utf8.CopyTo(b.Buffers[seg].AsSpan(start));
    }

    public static void SetData(MessageBuilder b, int segment, int pointerWord, ReadOnlySpan<byte> value)
    {
        int start = AllocateBytes(b, segment, pointerWord, value.Length, out int seg);
        value.CopyTo(b.Buffers[seg].AsSpan(start));
    }

    /// <summary>Allocates a byte list of <paramref name="length"/> bytes; returns its first byte's index.</summary>
    private static int AllocateBytes(MessageBuilder b, int segment, int pointerWord, int length, out int seg)
    {
        CheckCount(length);
        (seg, int word) = BuilderPointers.Allocate(b, segment, pointerWord, (length + 7) / 8, WirePointer.List(0, ElementSize.Byte, length));
        return word * 8;
    }
}
