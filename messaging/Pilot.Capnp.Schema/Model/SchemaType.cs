namespace Pilot.Capnp.Schema;

/// <summary>The kinds of a schema type; the values are the tags of <c>Type</c>'s union in schema.capnp.</summary>
public enum TypeKind : ushort
{
    Void = 0, Bool = 1, Int8 = 2, Int16 = 3, Int32 = 4, Int64 = 5, UInt8 = 6, UInt16 = 7, UInt32 = 8, UInt64 = 9,
    Float32 = 10, Float64 = 11, Text = 12, Data = 13, List = 14, Enum = 15, Struct = 16, Interface = 17, AnyPointer = 18,
}

/// <summary>
/// A field, element or constant type. Generic types keep their brand (the bindings of their parameters) and a
/// generic parameter is an AnyPointer that names its scope and index; <see cref="TypeBindings"/> resolves them.
/// </summary>
public sealed class SchemaType
{
    public SchemaType(TypeKind kind, SchemaType? elementType = null, ulong typeId = 0, IReadOnlyList<BrandScope>? brand = null,
        ulong parameterScopeId = 0, int parameterIndex = -1)
    {
        Kind = kind;
        ElementType = elementType;
        TypeId = typeId;
        Brand = brand ?? [];
        ParameterScopeId = parameterScopeId;
        ParameterIndex = parameterIndex;
    }

    public TypeKind Kind { get; }

    /// <summary>The element type of a list; null for every other kind.</summary>
    public SchemaType? ElementType { get; }

    /// <summary>The node id of an enum, struct or interface type; 0 otherwise.</summary>
    public ulong TypeId { get; }

    /// <summary>The parameter bindings of a generic struct, enum or interface type (empty when not generic).</summary>
    public IReadOnlyList<BrandScope> Brand { get; }

    /// <summary>For a generic parameter (an AnyPointer kind): the id of the node that declares it.</summary>
    public ulong ParameterScopeId { get; }

    /// <summary>For a generic parameter: its index in the declaring node's parameter list; -1 otherwise.</summary>
    public int ParameterIndex { get; }

    public bool IsParameter => ParameterIndex >= 0;

    /// <summary>True for the kinds stored in the pointer section.</summary>
    public bool IsPointer => Kind is TypeKind.Text or TypeKind.Data or TypeKind.List or TypeKind.Struct
        or TypeKind.Interface or TypeKind.AnyPointer;

    /// <summary>The width in bits of a data-section value (0 for Void, 1 for Bool, 16 for enums); 0 for pointers.</summary>
    public int DataBits => Kind switch
    {
        TypeKind.Bool => 1,
        TypeKind.Int8 or TypeKind.UInt8 => 8,
        TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Enum => 16,
        TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Float32 => 32,
        TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Float64 => 64,
        _ => 0,
    };

    /// <summary>The encoding of a list whose elements have this type (structs are always inline composite).</summary>
    public ElementSize ListElementSize => Kind switch
    {
        TypeKind.Void => ElementSize.Void,
        TypeKind.Bool => ElementSize.Bit,
        TypeKind.Int8 or TypeKind.UInt8 => ElementSize.Byte,
        TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Enum => ElementSize.TwoBytes,
        TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Float32 => ElementSize.FourBytes,
        TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Float64 => ElementSize.EightBytes,
        TypeKind.Struct => ElementSize.InlineComposite,
        _ => ElementSize.Pointer,
    };

    public override string ToString() => Kind switch
    {
        TypeKind.List => $"List({ElementType})",
        TypeKind.Enum or TypeKind.Struct or TypeKind.Interface => $"{Kind}@0x{TypeId:x16}",
        TypeKind.AnyPointer when IsParameter => $"Parameter({ParameterIndex})@0x{ParameterScopeId:x16}",
        _ => Kind.ToString(),
    };
}

/// <summary>The bindings a brand gives the parameters of one scope; null <see cref="Bindings"/> means "inherit".</summary>
/// <param name="Bindings">One type per parameter, null for an unbound parameter (it reads as AnyPointer).</param>
public sealed record BrandScope(ulong ScopeId, IReadOnlyList<SchemaType?>? Bindings);
