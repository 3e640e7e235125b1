using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>
/// Emits a struct's or group's Builder: a readonly struct over a StructBuilder with getters for values, Set methods, and Init
/// methods for pointers and groups. Setting a union member also sets the union's discriminant.
/// </summary>
internal sealed class BuilderEmitter(GeneratorContext context, CodeWriter writer, MemberPlan plan)
{
    private StructNode owner = null!;

    public void Emit(StructNode node)
    {
        owner = node;
        string header = node.IsGroup ? "public readonly struct Builder" : "public readonly struct Builder : IStructBuilderView<Builder>";
        writer.Block(header, () =>
        {
            writer.Line("private readonly StructBuilder _s;");
            writer.Line();
            writer.Line("public Builder(StructBuilder s) => _s = s;");
            if (!node.IsGroup)
            {
                writer.Line("public static Builder Create(StructBuilder s) => new(s);");
                writer.Line($"public static int DataWords => {node.DataWords};");
                writer.Line($"public static int PointerCount => {node.PointerCount};");
            }
            writer.Line("public StructBuilder Struct => _s;");
            writer.Line("public Reader AsReader() => new(_s.AsReader());");
            if (node.HasUnion)
                writer.Line($"public Which Which => (Which)_s.AsReader().ReadUInt16({node.DiscriminantOffset});");
            foreach (var field in node.Fields) EmitField(field);
        });
    }

    private string Discriminant(Field field) =>
        field.IsUnionMember ? $"_s.WriteUInt16({owner.DiscriminantOffset}, {field.DiscriminantValue}); " : "";

    private void EmitField(Field field)
    {
        var names = plan[field];
        string disc = Discriminant(field);
        if (field.IsGroup)
        {
            var group = field.Group!;
            string groupType = context.Qualified(group) + ".Builder";
            writer.Line();
            writer.Doc(field.DocComment);
            writer.Line($"public {groupType} {names.Property} => new(_s);");
            if (field.IsUnionMember)
            {
                writer.Line($"/// <summary>Selects this union member and clears its fields.</summary>");
                writer.Block($"public {groupType} {names.Init}()", () =>
                {
                    writer.Line(disc.TrimEnd());
                    foreach (string statement in ClearStatements(group)) writer.Line(statement);
                    writer.Line("return new(_s);");
                });
            }
            return;
        }
        var type = field.Type!;
        int offset = (int)field.Offset;
        if (type.Kind == TypeKind.Interface) return;
        writer.Line();
        writer.Doc(field.DocComment);
        switch (type.Kind)
        {
            case TypeKind.Void:
                if (field.IsUnionMember) writer.Line($"public void {names.Set}() => {disc.TrimEnd().TrimEnd(';')};");
                break;
            case TypeKind.Text:
                writer.Line($"public void {names.Set}(string? value) {{ {disc}_s.SetText({offset}, value); }}");
                writer.Line($"public void {names.Set}(ReadOnlySpan<byte> utf8) {{ {disc}_s.SetText({offset}, utf8); }}");
                break;
            case TypeKind.Data:
                writer.Line($"public void {names.Set}(ReadOnlySpan<byte> value) {{ {disc}_s.SetData({offset}, value); }}");
                break;
            case TypeKind.Struct:
                var node = context.Schema.Struct(type.TypeId);
                string qualified = context.Qualified(node);
                writer.Line($"public {qualified}.Builder {names.Init}() {{ {disc}return new(_s.InitStruct({offset}, {node.DataWords}, {node.PointerCount})); }}");
                writer.Line($"public void {names.Set}({qualified}.Reader value) {{ {disc}_s.SetStruct({offset}, value.Struct); }}");
                break;
            case TypeKind.List:
                string builderType = context.ListBuilderType(type.ElementType!);
                writer.Line($"public {builderType} {names.Init}(int count) {{ {disc}return {builderType}.Init(_s, {offset}, count); }}");
                writer.Line($"public void {names.Set}({context.ReaderType(type)} value) {{ {disc}_s.SetList({offset}, value.List); }}");
                break;
            case TypeKind.AnyPointer:
                writer.Line($"public void {names.Set}(AnyPointerReader value) {{ {disc}_s.SetAnyPointer({offset}, value); }}");
                break;
            default:
                string valueType = context.ReaderType(type);
                string raw = field.DefaultValue.RawBits == 0 ? "" : ", " + DefaultArgument(type, field.DefaultValue.RawBits);
                string write = type.Kind == TypeKind.Enum
                    ? $"_s.WriteUInt16({offset}, (ushort)value{raw})"
                    : $"_s.Write{GeneratorContext.Accessor(type.Kind)}({offset}, value{raw})";
                // Set methods, not property setters: builders are values returned by Init calls and indexers, and C#
                // refuses property assignment on such values (CS1612).
                writer.Line($"public {valueType} {names.Property} => {ReaderEmitter.DataRead(context, type, offset, field.DefaultValue.RawBits, "_s.AsReader()")};");
                writer.Line($"public void {names.Set}({valueType} value) {{ {disc}{write}; }}");
                break;
        }
    }

    private static string DefaultArgument(SchemaType type, ulong raw) =>
        type.Kind == TypeKind.Enum ? raw.ToString(System.Globalization.CultureInfo.InvariantCulture) : Literals.Primitive(type.Kind, raw);

    /// <summary>Statements zeroing every slot of a group (and its nested groups and union tags), as C++ initGroup does.</summary>
    private static IEnumerable<string> ClearStatements(StructNode group)
    {
        if (group.HasUnion) yield return $"_s.WriteUInt16({group.DiscriminantOffset}, 0);";
        foreach (var field in group.Fields)
        {
            if (field.IsGroup)
            {
                foreach (string statement in ClearStatements(field.Group!)) yield return statement;
                continue;
            }
            var type = field.Type!;
            if (type.IsPointer) yield return $"_s.ClearPointer({field.Offset});";
            else if (type.Kind != TypeKind.Void)
                yield return type.DataBits switch
                {
                    1 => $"_s.WriteBool({field.Offset}, false);",
                    8 => $"_s.WriteUInt8({field.Offset}, 0);",
                    16 => $"_s.WriteUInt16({field.Offset}, 0);",
                    32 => $"_s.WriteUInt32({field.Offset}, 0);",
                    _ => $"_s.WriteUInt64({field.Offset}, 0);",
                };
        }
    }
}
