namespace Pilot.Capnp;

/// <summary>
/// Canonical form (encoding spec, "Canonicalization"): one segment, no segment table, no far pointers, objects in
/// pre-order, data and pointer sections truncated, struct lists sized to their largest truncated element.
/// Byte-identical to <c>capnp convert binary:canonical</c>, so it can be hashed or signed.
/// </summary>
public static class Canonical
{
    /// <summary>The canonical words of the message rooted at <paramref name="root"/> (root pointer first).</summary>
    public static byte[] Canonicalize(StructReader root)
    {
        var b = new MessageBuilder(firstSegmentWords: 64, maxSegmentWords: int.MaxValue / 8, singleSegment: true);
        Copier.CopyStruct(b, 0, 0, root, canonical: true);
        return b.Buffers[0].AsSpan(0, b.Used[0] * 8).ToArray();
    }

    /// <summary>Whether <paramref name="message"/> is already canonical (checked as the C++ <c>isCanonical</c> does).</summary>
    public static bool IsCanonical(MessageReader message)
    {
        if (message.SegmentCount != 1) return false;
        var segment = message.Segments[0];
        if (segment.Words == 0) return false;
        long head = 1;
        var root = message.RootPointer;
        return PointerIsCanonical(message, root, ref head) && head == segment.Words;
    }

    /// <summary>Checks one pointer and its subtree; <paramref name="head"/> is the word where the next object must start.</summary>
    private static bool PointerIsCanonical(MessageReader m, AnyPointerReader p, ref long head)
    {
        var seg = m.Segments[p.Segment];
        ulong word = LittleEndian.U64(seg.Array, p.PointerByte);
        if (word == 0) return true;
        int kind = WirePointer.Kind(word);
        if (kind is WirePointer.FarKind or WirePointer.OtherKind) return false;
        if (kind == WirePointer.StructKind)
        {
            var s = p.AsStruct();
            if (s.DataBytes == 0 && s.Pointers == 0) return WirePointer.Offset(word) == -1;
            return StructIsCanonical(m, s, ref head, ref head, out bool dataTrunc, out bool ptrTrunc) && dataTrunc && ptrTrunc;
        }
        return ListIsCanonical(m, p.AsList(), word, ref head);
    }

    private static bool StructIsCanonical(MessageReader m, StructReader s, ref long head, ref long pointerHead, out bool dataTrunc, out bool ptrTrunc)
    {
        dataTrunc = ptrTrunc = false;
        if (m.Segments[0].WordOf(s.DataStart) != head || s.DataBytes % 8 != 0) return false;
        int dataWords = s.DataBytes / 8;
        dataTrunc = dataWords == 0 || s.ReadUInt64(dataWords - 1) != 0;
        ptrTrunc = s.Pointers == 0 || s.HasPointer(s.Pointers - 1);
        head += dataWords + s.Pointers;
        for (int i = 0; i < s.Pointers; i++)
            if (!PointerIsCanonical(m, s.ReadAnyPointer(i), ref pointerHead)) return false;
        return true;
    }

    private static bool ListIsCanonical(MessageReader m, ListReader list, ulong pointer, ref long head)
    {
        long start = m.Segments[0].WordOf(list.Start);
        switch (list.Size)
        {
            case ElementSize.InlineComposite:
            {
                head += 1;   // the tag word
                if (start != head) return false;
                long stepWords = list.StepBits / 64;
                if (list.Count * stepWords != WirePointer.ListCount(pointer)) return false;
                if (stepWords == 0) return true;
                long listEnd = head + list.Count * stepWords, pointerHead = listEnd;
                bool anyData = false, anyPointer = false;
                for (int i = 0; i < list.Count; i++)
                {
                    if (!StructIsCanonical(m, list.GetStruct(i), ref head, ref pointerHead, out bool d, out bool p)) return false;
                    anyData |= d;
                    anyPointer |= p;
                }
                head = pointerHead;
                return anyData && anyPointer;
            }
            case ElementSize.Pointer:
            {
                if (start != head) return false;
                head += list.Count;
                for (int i = 0; i < list.Count; i++)
                    if (!PointerIsCanonical(m, list.GetAnyPointer(i), ref head)) return false;
                return true;
            }
            default:
            {
                if (start != head) return false;
                long bits = (long)list.Count * list.DataBits;
                long words = (bits + 63) / 64;
                // Padding after the last element, up to the word boundary, must be zero.
                var padding = new ReadOnlySpan<byte>(list.Buffer, list.Start + (int)(bits / 8), (int)(words * 8 - bits / 8));
                if (bits % 8 != 0)
                {
                    if ((padding[0] & ~((1 << (int)(bits % 8)) - 1)) != 0) return false;
                    padding = padding[1..];
                }
                if (padding.ContainsAnyExcept((byte)0)) return false;
                head += words;
                return true;
            }
        }
    }
}
