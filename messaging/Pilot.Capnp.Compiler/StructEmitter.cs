using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>
/// Emits one struct as a static class: TypeId, the union's Which enum, the Reader and Builder views, its groups as
/// nested classes, its nested types, and the embedded message holding its struct/list default values.
/// </summary>
internal sealed class StructEmitter(GeneratorContext context, CodeWriter writer, NodeEmitter nested)
{
    /// <summary>Where a struct's embedded defaults live and which slot each defaulted field uses.</summary>
    internal sealed record DefaultsHolder(string Expression, Dictionary<Field, int> Slots);

    private const string DefaultsField = "_pointerDefaults";

    public void Emit(StructNode node)
    {
        var defaults = MemberPlan.EmbeddedDefaults(node);
        var holder = new DefaultsHolder(context.Qualified(node) + "." + DefaultsField,
            defaults.Select((field, slot) => (field, slot)).ToDictionary(p => p.field, p => p.slot));
        writer.Doc(node.DocComment);
        writer.Block($"public static partial class {context.SimpleName(node)}", () =>
        {
            writer.Line($"public const ulong TypeId = 0x{node.Id:X16}UL;");
            if (defaults.Count > 0)
            {
                writer.Line();
                writer.Line("// Defaults of struct and list fields: one pointer each in this embedded message's root.");
                writer.ByteArray($"private static readonly StructReader {DefaultsField} = EmbeddedMessages.Struct(", DefaultsMessage(defaults), "});");
            }
            EmitBody(node, holder);
            foreach (var child in node.NestedNodes) nested.Emit(child);
        });
    }

    private void EmitBody(StructNode node, DefaultsHolder holder)
    {
        var plan = new MemberPlan(node);
        if (node.HasUnion) EmitWhich(node);
        writer.Line();
        new ReaderEmitter(context, writer, plan, holder).Emit(node);
        writer.Line();
        new BuilderEmitter(context, writer, plan).Emit(node);
        foreach (var field in node.Fields.Where(f => f.IsGroup))
        {
            writer.Line();
            writer.Doc(field.DocComment);
            writer.Block($"public static partial class {context.SimpleName(field.Group!)}", () =>
            {
                writer.Line($"public const ulong TypeId = 0x{field.Group!.Id:X16}UL;");
                EmitBody(field.Group!, holder);
            });
        }
    }

    private void EmitWhich(StructNode node)
    {
        writer.Line();
        writer.Line("/// <summary>The members of the union; the value is the discriminant.</summary>");
        var scope = new NameScope(["Which"]);
        writer.Block("public enum Which : ushort", () =>
        {
            foreach (var field in node.UnionFields.OrderBy(f => f.DiscriminantValue))
                writer.Line($"{scope.Claim(Naming.Pascal(field.Name))} = {field.DiscriminantValue},");
        });
    }

    private static byte[] DefaultsMessage(List<Field> fields)
    {
        var message = new MessageBuilder();
        var root = message.InitRoot(0, fields.Count);
        for (int i = 0; i < fields.Count; i++) root.SetAnyPointer(i, fields[i].DefaultValue.Pointer);
        return message.ToFramedArray();
    }
}
