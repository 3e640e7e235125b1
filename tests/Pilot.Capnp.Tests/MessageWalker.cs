namespace Pilot.Capnp.Tests;

/// <summary>Reads every field of a message generically (no schema), following every pointer: what a printer or a
/// copier does to untrusted input. Returns a checksum so the reads cannot be optimised away.</summary>
internal static class MessageWalker
{
    public static ulong Walk(MessageReader m)
    {
        var root = m.RootPointer;
        return WalkPointer(root);
    }

    public static ulong WalkStruct(StructReader s)
    {
        ulong sum = (ulong)s.DataWords * 31 + (ulong)s.PointerCount;
        for (int i = 0; i < s.DataSizeBytes; i++) sum = sum * 131 + s.ReadUInt8(i);
        for (int i = 0; i < s.PointerCount; i++) sum = sum * 7 + WalkPointer(s.ReadAnyPointer(i));
        return sum;
    }

    public static ulong WalkPointer(AnyPointerReader p) => p.Kind switch
    {
        PointerKind.Struct => WalkStruct(p.AsStruct()),
        PointerKind.List => WalkList(p.AsList()),
        PointerKind.Capability => 3,
        _ => 1,
    };

    public static ulong WalkList(ListReader l)
    {
        ulong sum = (ulong)l.Count * 17 + (ulong)l.ElementSize;
        for (int i = 0; i < l.Count; i++)
        {
            sum = sum * 131 + l.ElementSize switch
            {
                ElementSize.Void => 0,
                ElementSize.Bit => l.GetBool(i) ? 1UL : 0,
                ElementSize.Byte => l.GetUInt8(i),
                ElementSize.TwoBytes => l.GetUInt16(i),
                ElementSize.FourBytes => l.GetUInt32(i),
                ElementSize.EightBytes => l.GetUInt64(i),
                ElementSize.Pointer => WalkPointer(l.GetAnyPointer(i)),
                _ => WalkStruct(l.GetStruct(i)),
            };
        }
        return sum;
    }
}
