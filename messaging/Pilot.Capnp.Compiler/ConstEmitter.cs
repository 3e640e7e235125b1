using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>
/// Emits a constant: C# <c>const</c> for primitives, enums and text; a span property for data; a reader over an
/// embedded message for struct and list constants.
/// </summary>
internal sealed class ConstEmitter(GeneratorContext context, CodeWriter writer)
{
    public void Emit(ConstNode node)
    {
        string name = context.SimpleName(node);
        var value = node.Value;
        writer.Doc(node.DocComment);
        switch (node.Type.Kind)
        {
            case TypeKind.Void:
                writer.Line($"// {node.Name} is a Void constant and carries no value.");
                break;
            case TypeKind.Text:
                writer.Line($"public const string {name} = {Literals.String(value.Text ?? "")};");
                break;
            case TypeKind.Data:
                writer.ByteArray($"public static ReadOnlySpan<byte> {name} => ", value.Data ?? []);
                break;
            case TypeKind.Enum:
                var enumNode = context.Schema.Enum(node.Type.TypeId);
                string enumType = context.Qualified(enumNode);
                writer.Line(value.RawBits < (ulong)enumNode.Enumerants.Count
                    ? $"public const {enumType} {name} = {enumType}.{NodeEmitter.EnumerantName(enumNode, (int)value.RawBits)};"
                    : $"public const {enumType} {name} = ({enumType}){value.RawBits};");
                break;
            case TypeKind.Struct:
                EmitEmbedded(name, value, $"{context.ReaderType(node.Type)}", "Struct", "");
                break;
            case TypeKind.List:
                EmitEmbedded(name, value, context.ReaderType(node.Type), "Pointer", ".AsList()");
                break;
            case TypeKind.AnyPointer:
                EmitEmbedded(name, value, "AnyPointerReader", "Pointer", "");
                break;
            case TypeKind.Interface:
                writer.Line($"// {node.Name} is an interface constant; capabilities are not supported.");
                break;
            default:
                string literal = Literals.Primitive(node.Type.Kind, value.RawBits);
                // const cannot hold NaN payload expressions; those become static readonly.
                string modifier = literal.Contains("BitConverter") ? "static readonly" : "const";
                writer.Line($"public {modifier} {context.ReaderType(node.Type)} {name} = {literal};");
                break;
        }
    }

    private void EmitEmbedded(string name, SchemaValue value, string type, string reader, string suffix)
    {
        var message = new MessageBuilder();
        message.SetRoot(value.Pointer);
        string field = "_" + name + "Message";
        writer.ByteArray($"private static readonly {(reader == "Struct" ? "StructReader" : "AnyPointerReader")} {field} = EmbeddedMessages.{reader}(", message.ToFramedArray(), "});");
        string wrap = type == "AnyPointerReader" ? $"{field}{suffix}" : $"new({field}{suffix})";
        writer.Line($"public static {type} {name} => {wrap};");
    }
}
