using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>Emits a struct's or group's Reader: a readonly struct over a StructReader with a property per field.</summary>
internal sealed class ReaderEmitter(GeneratorContext context, CodeWriter writer, MemberPlan plan, StructEmitter.DefaultsHolder holder)
{
    public void Emit(StructNode node)
    {
        string header = node.IsGroup ? "public readonly struct Reader" : "public readonly struct Reader : IStructView<Reader>";
        writer.Block(header, () =>
        {
            writer.Line("private readonly StructReader _s;");
            writer.Line();
            writer.Line("public Reader(StructReader s) => _s = s;");
            if (!node.IsGroup) writer.Line("public static Reader Create(StructReader s) => new(s);");
            writer.Line("public StructReader Struct => _s;");
            if (node.HasUnion)
                writer.Line($"public Which Which => (Which)_s.ReadUInt16({node.DiscriminantOffset});");
            foreach (var field in node.Fields) EmitField(field);
        });
    }

    private void EmitField(Field field)
    {
        var names = plan[field];
        if (field.IsGroup)
        {
            writer.Line();
            writer.Doc(field.DocComment);
            writer.Line($"public {context.Qualified(field.Group!)}.Reader {names.Property} => new(_s);");
            return;
        }
        var type = field.Type!;
        int offset = (int)field.Offset;
        var value = field.DefaultValue;
        if (type.Kind is TypeKind.Void or TypeKind.Interface) return;  // nothing to read (Which tells a Void member)
        writer.Line();
        writer.Doc(field.DocComment);
        switch (type.Kind)
        {
            case TypeKind.Text:
                writer.Line($"public string {names.Property} => _s.ReadText({offset}{(value.Text is null ? "" : ", " + Literals.String(value.Text))});");
                writer.Line(value.Text is null
                    ? $"public ReadOnlySpan<byte> {names.Utf8} => _s.ReadTextSpan({offset});"
                    : $"public ReadOnlySpan<byte> {names.Utf8} => _s.HasPointer({offset}) ? _s.ReadTextSpan({offset}) : {Literals.String(value.Text)}u8;");
                writer.Line($"public bool {names.Has} => _s.HasPointer({offset});");
                break;
            case TypeKind.Data:
                if (value.Data is null) writer.Line($"public ReadOnlySpan<byte> {names.Property} => _s.ReadData({offset});");
                else
                {
                    writer.Line($"public ReadOnlySpan<byte> {names.Property} => _s.HasPointer({offset}) ? _s.ReadData({offset}) : {names.DefaultBytes};");
                    writer.ByteArray($"private static ReadOnlySpan<byte> {names.DefaultBytes} => ", value.Data);
                }
                writer.Line($"public bool {names.Has} => _s.HasPointer({offset});");
                break;
            case TypeKind.Struct or TypeKind.List:
                string read = type.Kind == TypeKind.Struct ? "ReadStruct" : "ReadList";
                string source = holder.Slots.TryGetValue(field, out int slot)
                    ? $"_s.HasPointer({offset}) ? _s.{read}({offset}) : {holder.Expression}.{read}({slot})"
                    : $"_s.{read}({offset})";
                writer.Line($"public {context.ReaderType(type)} {names.Property} => new({source});");
                writer.Line($"public bool {names.Has} => _s.HasPointer({offset});");
                break;
            case TypeKind.AnyPointer:
                writer.Line($"public AnyPointerReader {names.Property} => _s.ReadAnyPointer({offset});");
                writer.Line($"public bool {names.Has} => _s.HasPointer({offset});");
                break;
            default:
                writer.Line($"public {context.ReaderType(type)} {names.Property} => {DataRead(context, type, offset, value.RawBits, "_s")};");
                break;
        }
    }

    /// <summary>The expression reading a data-section field with its default (XOR) applied.</summary>
    public static string DataRead(GeneratorContext context, SchemaType type, int offset, ulong raw, string source)
    {
        string accessor = GeneratorContext.Accessor(type.Kind);
        if (type.Kind == TypeKind.Enum)
            return $"({context.ReaderType(type)}){source}.ReadUInt16({offset}{(raw == 0 ? "" : ", " + raw)})";
        string defaultArg = raw == 0 ? "" : ", " + Literals.Primitive(type.Kind, raw);
        return $"{source}.Read{accessor}({offset}{defaultArg})";
    }
}
