namespace Pilot.Capnp.Schema;

/// <summary>A node of the schema graph (file, struct, group, enum, const, interface or annotation).</summary>
public abstract class SchemaNode
{
    protected SchemaNode(ulong id, string displayName, ulong scopeId)
    {
        Id = id;
        DisplayName = displayName;
        ScopeId = scopeId;
        Name = displayName;
    }

    public ulong Id { get; }

    /// <summary>The compiler's display name, e.g. <c>everything.capnp:Shape.style</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The id of the enclosing node (0 for files).</summary>
    public ulong ScopeId { get; }

    /// <summary>The name in its scope: a nested node's name, or a group's field name.</summary>
    public string Name { get; internal set; }

    /// <summary>The enclosing node, or null for a file.</summary>
    public SchemaNode? Parent { get; internal set; }

    /// <summary>The doc comment written in the schema (without the leading '#'), or null.</summary>
    public string? DocComment { get; internal set; }

    /// <summary>The nested structs, enums, consts and interfaces, in declaration order.</summary>
    public IReadOnlyList<SchemaNode> NestedNodes => nested;

    internal readonly List<SchemaNode> nested = new();

    public override string ToString() => DisplayName;
}

public sealed class FileNode(ulong id, string displayName) : SchemaNode(id, displayName, 0);

/// <summary>A node kind the generator and the text format do not use (interfaces, annotations).</summary>
public sealed class OtherNode(ulong id, string displayName, ulong scopeId) : SchemaNode(id, displayName, scopeId);

public sealed class EnumNode(ulong id, string displayName, ulong scopeId, IReadOnlyList<Enumerant> enumerants)
    : SchemaNode(id, displayName, scopeId)
{
    /// <summary>The enumerants in ordinal order (the index is the wire value).</summary>
    public IReadOnlyList<Enumerant> Enumerants { get; } = enumerants;
}

public sealed class Enumerant(string name, ushort codeOrder)
{
    public string Name { get; } = name;
    public ushort CodeOrder { get; } = codeOrder;
    public string? DocComment { get; internal set; }
}

public sealed class ConstNode(ulong id, string displayName, ulong scopeId, SchemaType type, SchemaValue value)
    : SchemaNode(id, displayName, scopeId)
{
    public SchemaType Type { get; } = type;
    public SchemaValue Value { get; } = value;
}

/// <summary>A struct or a group (a group shares its parent's data and pointer sections).</summary>
public sealed class StructNode : SchemaNode
{
    public StructNode(ulong id, string displayName, ulong scopeId, ushort dataWords, ushort pointerCount, bool isGroup,
        ushort discriminantCount, uint discriminantOffset, IReadOnlyList<Field> fields) : base(id, displayName, scopeId)
    {
        DataWords = dataWords;
        PointerCount = pointerCount;
        IsGroup = isGroup;
        DiscriminantCount = discriminantCount;
        DiscriminantOffset = discriminantOffset;
        Fields = fields;
        UnionFields = fields.Where(f => f.IsUnionMember).ToArray();
        NonUnionFields = fields.Where(f => !f.IsUnionMember).ToArray();
    }

    /// <summary>The size of the data section in 64-bit words.</summary>
    public ushort DataWords { get; }
    public ushort PointerCount { get; }
    public bool IsGroup { get; }

    /// <summary>The number of members of the unnamed union; 0 when the struct has none.</summary>
    public ushort DiscriminantCount { get; }

    /// <summary>The union tag's offset in 16-bit units of the data section.</summary>
    public uint DiscriminantOffset { get; }

    public bool HasUnion => DiscriminantCount > 0;

    /// <summary>Every field in the order of the request (ordinal order); <see cref="Field.Index"/> is the position.</summary>
    public IReadOnlyList<Field> Fields { get; }
    public IReadOnlyList<Field> UnionFields { get; }
    public IReadOnlyList<Field> NonUnionFields { get; }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public Field? FindField(string name)
    {
        foreach (var field in Fields)
            if (field.Name == name) return field;
        return null;
    }
}

/// <summary>A struct field: a slot (a value at an offset) or a group.</summary>
public sealed class Field
{
    public const ushort NoDiscriminant = 0xFFFF;

    internal Field(string name, int index, ushort codeOrder, ushort discriminantValue, uint offset, SchemaType? type,
        SchemaValue defaultValue, bool hadExplicitDefault, ulong groupId)
    {
        Name = name;
        Index = index;
        CodeOrder = codeOrder;
        DiscriminantValue = discriminantValue;
        Offset = offset;
        Type = type;
        DefaultValue = defaultValue;
        HadExplicitDefault = hadExplicitDefault;
        GroupId = groupId;
    }

    public string Name { get; }

    /// <summary>The position in the struct's field list.</summary>
    public int Index { get; }
    public ushort CodeOrder { get; }

    /// <summary>The union tag value selecting this field, or <see cref="NoDiscriminant"/>.</summary>
    public ushort DiscriminantValue { get; }
    public bool IsUnionMember => DiscriminantValue != NoDiscriminant;

    /// <summary>A slot's offset, in units of its own size (bits for Bool; the pointer index for pointers).</summary>
    public uint Offset { get; }

    /// <summary>The slot's type; null for a group.</summary>
    public SchemaType? Type { get; }
    public SchemaValue DefaultValue { get; }
    public bool HadExplicitDefault { get; }

    /// <summary>The group's node id; 0 for a slot.</summary>
    public ulong GroupId { get; }
    public bool IsGroup => GroupId != 0;

    /// <summary>The group's struct node (resolved after loading); null for a slot.</summary>
    public StructNode? Group { get; internal set; }

    public string? DocComment { get; internal set; }

    public override string ToString() => Name;
}
