namespace Pilot.Capnp;

/// <summary>
/// Deep copy of a reader's object (from any message, validated and traversal-limited as it is read) into a builder,
/// without orphans: every object is allocated directly at its new pointer. In canonical mode (encoding spec,
/// "Canonicalization") data sections lose trailing zero words, pointer sections lose trailing null pointers, struct
/// lists take the largest truncated element size, and objects are laid out in pre-order.
/// All positions are (segment, word) indexes and buffers are re-fetched after each allocation, because a canonical
/// builder's single segment may move when it grows.
/// </summary>
internal static class Copier
{
    public static void CopyPointer(MessageBuilder b, int segment, int pointerWord, AnyPointerReader value, bool canonical)
    {
        switch (value.Kind)
        {
            case PointerKind.Struct: CopyStruct(b, segment, pointerWord, value.AsStruct(), canonical); break;
            case PointerKind.List: CopyList(b, segment, pointerWord, value.AsList(), canonical); break;
            default: BuilderPointers.Clear(b, segment, pointerWord); break;   // null; capabilities have no table to copy into
        }
    }

    public static void CopyStruct(MessageBuilder b, int segment, int pointerWord, StructReader value, bool canonical)
    {
        if (value.IsNull)
        {
            BuilderPointers.Clear(b, segment, pointerWord);
            return;
        }
        int dataWords = canonical ? TruncatedDataWords(value) : value.DataWords;
        int pointers = canonical ? TruncatedPointers(value) : value.Pointers;
        var (seg, word) = BuilderPointers.Allocate(b, segment, pointerWord, dataWords + pointers, WirePointer.Struct(0, dataWords, pointers));
        CopyInto(b, seg, word * 8, dataWords * 8, word + dataWords, pointers, value, canonical);
    }

    /// <summary>Copies <paramref name="value"/>'s data and pointers into an allocated struct body, truncating to it.</summary>
    public static void CopyInto(MessageBuilder b, int seg, int dataByte, int dataBytes, int firstPointerWord, int pointers,
        StructReader value, bool canonical)
    {
        var data = value.DataSection;
        if (data.Length > dataBytes) data = data[..dataBytes];
        data.CopyTo(b.Buffers[seg].AsSpan(dataByte));
        int n = Math.Min(pointers, value.Pointers);
        for (int i = 0; i < n; i++) CopyPointer(b, seg, firstPointerWord + i, value.ReadAnyPointer(i), canonical);
    }

    public static void CopyList(MessageBuilder b, int segment, int pointerWord, ListReader value, bool canonical)
    {
        if (value.IsNull)
        {
            BuilderPointers.Clear(b, segment, pointerWord);
            return;
        }
        int count = value.Count;
        switch (value.Size)
        {
            case ElementSize.InlineComposite:
            {
                int dataWords = value.StructDataWords, pointers = value.StructPointerCount;
                if (canonical)
                {
                    dataWords = pointers = 0;
                    for (int i = 0; i < count; i++)
                    {
                        var e = value.GetStruct(i);
                        dataWords = Math.Max(dataWords, TruncatedDataWords(e));
                        pointers = Math.Max(pointers, TruncatedPointers(e));
                    }
                }
                var list = PointerWriter.InitStructList(b, segment, pointerWord, count, dataWords, pointers);
                int stepWords = dataWords + pointers, first = list.Start / 8;
                for (int i = 0; i < count; i++)
                {
                    int at = first + i * stepWords;
                    CopyInto(b, list.Segment, at * 8, dataWords * 8, at + dataWords, pointers, value.GetStruct(i), canonical);
                }
                break;
            }
            case ElementSize.Pointer:
            {
                var list = PointerWriter.InitList(b, segment, pointerWord, ElementSize.Pointer, count);
                for (int i = 0; i < count; i++) CopyPointer(b, list.Segment, list.Start / 8 + i, value.GetAnyPointer(i), canonical);
                break;
            }
            default:
            {
                var list = PointerWriter.InitList(b, segment, pointerWord, value.Size, count);
                int bytes = (int)(((long)count * value.StepBits + 7) / 8);
                new ReadOnlySpan<byte>(value.Buffer, value.Start, bytes).CopyTo(b.Buffers[list.Segment].AsSpan(list.Start));
                break;
            }
        }
    }

    /// <summary>Data words up to the last non-zero one.</summary>
    public static int TruncatedDataWords(StructReader s)
    {
        int last = s.DataSection.LastIndexOfAnyExcept((byte)0);
        return last < 0 ? 0 : last / 8 + 1;
    }

    /// <summary>Pointers up to the last non-null one.</summary>
    public static int TruncatedPointers(StructReader s)
    {
        int n = s.Pointers;
        while (n > 0 && !s.HasPointer(n - 1)) n--;
        return n;
    }
}
