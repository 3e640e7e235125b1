using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>
/// The C# name of every node (computed once, so references and declarations agree) and the C# types of schema types.
/// Nested schema types become nested types of their struct's static class; groups become nested classes too.
/// </summary>
internal sealed class GeneratorContext
{
    /// <summary>Names every generated static class defines itself.</summary>
    public static readonly string[] ClassMembers = ["Reader", "Builder", "Which", "TypeId"];

    private readonly Dictionary<ulong, string> simpleNames = new();
    private readonly Dictionary<ulong, string> qualifiedNames = new();
    private readonly Func<FileNode, string> namespaceOf;

    public GeneratorContext(SchemaSet schema, Func<FileNode, string> namespaceOf)
    {
        Schema = schema;
        this.namespaceOf = namespaceOf;
        foreach (var file in schema.Nodes.OfType<FileNode>())
        {
            string ns = "global::" + namespaceOf(file);
            // Top-level types may not take the names every generated class defines inside itself (CS0542).
            var fileScope = new NameScope(ClassMembers.Append(ConstantsClass(file)));
            var constScope = new NameScope([ConstantsClass(file)]);
            foreach (var node in file.NestedNodes.Where(IsType))
            {
                // Top-level constants live in the file's constants class; C# has no namespace-level members.
                if (node is ConstNode) Name(node, constScope, ns + "." + ConstantsClass(file));
                else Name(node, fileScope, ns);
            }
        }
    }

    public SchemaSet Schema { get; }

    public string Namespace(FileNode file) => namespaceOf(file);

    /// <summary>The static class holding a file's top-level constants.</summary>
    public static string ConstantsClass(FileNode file) => Naming.FileStem(file.DisplayName) + "Schema";

    public string SimpleName(SchemaNode node) => simpleNames[node.Id];

    /// <summary>The <c>global::</c>-qualified C# name of a struct/group class, enum or const.</summary>
    public string Qualified(SchemaNode node) => qualifiedNames.TryGetValue(node.Id, out var name)
        ? name
        : throw new SchemaException($"{node.DisplayName} has no generated C# name (generic or interface types are not generated)");

    private static bool IsType(SchemaNode node) => node is StructNode or EnumNode or ConstNode;

    private void Name(SchemaNode node, NameScope scope, string container)
    {
        string simple = scope.Claim(Naming.Pascal(node.Name));
        simpleNames[node.Id] = simple;
        qualifiedNames[node.Id] = container + "." + simple;
        if (node is not StructNode s) return;
        // Inside the struct's class: its own members, the enclosing name (CS0542), then nested nodes and groups.
        var inner = new NameScope(ClassMembers.Append(simple));
        string self = qualifiedNames[node.Id];
        foreach (var nested in s.NestedNodes.Where(IsType)) Name(nested, inner, self);
        foreach (var field in s.Fields.Where(f => f.IsGroup)) Name(field.Group!, inner, self);
    }

    /// <summary>The reader-side C# type of a slot.</summary>
    public string ReaderType(SchemaType type) => type.Kind switch
    {
        TypeKind.Bool => "bool",
        TypeKind.Int8 => "sbyte",
        TypeKind.Int16 => "short",
        TypeKind.Int32 => "int",
        TypeKind.Int64 => "long",
        TypeKind.UInt8 => "byte",
        TypeKind.UInt16 => "ushort",
        TypeKind.UInt32 => "uint",
        TypeKind.UInt64 => "ulong",
        TypeKind.Float32 => "float",
        TypeKind.Float64 => "double",
        TypeKind.Text => "string",
        TypeKind.Data => "ReadOnlySpan<byte>",
        TypeKind.Enum => Qualified(Schema[type.TypeId]),
        TypeKind.Struct => Qualified(Schema[type.TypeId]) + ".Reader",
        TypeKind.List => ListReaderType(type.ElementType!),
        _ => "AnyPointerReader",
    };

    private string ListReaderType(SchemaType element) => element.Kind switch
    {
        TypeKind.Void => "VoidList",
        <= TypeKind.Float64 => $"PrimitiveList<{ReaderType(element)}>",
        TypeKind.Text => "TextList",
        TypeKind.Data => "DataList",
        TypeKind.Enum => $"EnumList<{ReaderType(element)}>",
        TypeKind.Struct => $"StructList<{ReaderType(element)}>",
        TypeKind.List => $"ListList<{ListReaderType(element.ElementType!)}>",
        _ => throw new SchemaException($"List({element.Kind}) is not supported by the generator"),
    };

    /// <summary>The builder-side C# type of a list (what Init returns).</summary>
    public string ListBuilderType(SchemaType element) => element.Kind switch
    {
        TypeKind.Void => "VoidListBuilder",
        <= TypeKind.Float64 => $"PrimitiveListBuilder<{ReaderType(element)}>",
        TypeKind.Text => "TextListBuilder",
        TypeKind.Data => "DataListBuilder",
        TypeKind.Enum => $"EnumListBuilder<{ReaderType(element)}>",
        TypeKind.Struct => $"StructListBuilder<{Qualified(Schema[element.TypeId])}.Builder>",
        TypeKind.List => $"ListListBuilder<{ListBuilderType(element.ElementType!)}>",
        _ => throw new SchemaException($"List({element.Kind}) is not supported by the generator"),
    };

    /// <summary>The runtime accessor suffix for a data-section type (ReadInt32 / WriteInt32 ...).</summary>
    public static string Accessor(TypeKind kind) => kind switch
    {
        TypeKind.Bool => "Bool",
        TypeKind.Int8 => "Int8",
        TypeKind.Int16 => "Int16",
        TypeKind.Int32 => "Int32",
        TypeKind.Int64 => "Int64",
        TypeKind.UInt8 => "UInt8",
        TypeKind.UInt16 or TypeKind.Enum => "UInt16",
        TypeKind.UInt32 => "UInt32",
        TypeKind.UInt64 => "UInt64",
        TypeKind.Float32 => "Float32",
        TypeKind.Float64 => "Float64",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a data-section type"),
    };
}
