namespace Pilot.Capnp;

/// <summary>List element size code, bits 32..34 of a list pointer (encoding spec, "Lists").</summary>
public enum ElementSize : byte
{
    Void = 0, Bit = 1, Byte = 2, TwoBytes = 3, FourBytes = 4, EightBytes = 5, Pointer = 6, InlineComposite = 7,
}

/// <summary>What a pointer refers to once far pointers are resolved away.</summary>
public enum PointerKind : byte { Null = 0, Struct = 1, List = 2, Capability = 3 }
