namespace Pilot.Capnp.Schema;

/// <summary>
/// A default or constant value. Data-section values keep their raw little-endian bits (so a default can be used as
/// the XOR mask of the encoding); text and data are decoded; struct, list and AnyPointer values stay views into the
/// request message they came from.
/// </summary>
public sealed class SchemaValue
{
    public static readonly SchemaValue Zero = new(TypeKind.Void, 0, null, null, default);

    public SchemaValue(TypeKind kind, ulong rawBits, string? text, byte[]? data, AnyPointerReader pointer)
    {
        Kind = kind;
        RawBits = rawBits;
        Text = text;
        Data = data;
        Pointer = pointer;
    }

    public TypeKind Kind { get; }

    /// <summary>The value's bits as stored in a data section (bool in bit 0, enums as UInt16, floats as IEEE bits).</summary>
    public ulong RawBits { get; }

    /// <summary>A text value; null when the default is the null pointer.</summary>
    public string? Text { get; }

    /// <summary>A data value; null when the default is the null pointer.</summary>
    public byte[]? Data { get; }

    /// <summary>A struct, list or AnyPointer value (Kind Null when absent).</summary>
    public AnyPointerReader Pointer { get; }

    /// <summary>True when a pointer-typed value is the null pointer (no default).</summary>
    public bool IsNullPointer => Kind switch
    {
        TypeKind.Text => Text is null,
        TypeKind.Data => Data is null,
        TypeKind.List or TypeKind.Struct or TypeKind.AnyPointer => Pointer.Kind == PointerKind.Null,
        _ => false,
    };
}
