using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>Emits any nested node: structs, enums and constants (interfaces and annotations produce no code).</summary>
internal sealed class NodeEmitter
{
    private readonly GeneratorContext context;
    private readonly CodeWriter writer;

    public NodeEmitter(GeneratorContext context, CodeWriter writer)
    {
        this.context = context;
        this.writer = writer;
    }

    public void Emit(SchemaNode node)
    {
        switch (node)
        {
            case StructNode s:
                writer.Line();
                new StructEmitter(context, writer, this).Emit(s);
                break;
            case EnumNode e:
                writer.Line();
                EmitEnum(e);
                break;
            case ConstNode c:
                writer.Line();
                new ConstEmitter(context, writer).Emit(c);
                break;
        }
    }

    private void EmitEnum(EnumNode node)
    {
        writer.Doc(node.DocComment);
        var scope = new NameScope([]);
        writer.Block($"public enum {context.SimpleName(node)} : ushort", () =>
        {
            for (int i = 0; i < node.Enumerants.Count; i++)
            {
                writer.Doc(node.Enumerants[i].DocComment);
                writer.Line($"{scope.Claim(Naming.Pascal(node.Enumerants[i].Name))} = {i},");
            }
        });
    }

    /// <summary>The C# member name of an enumerant (same claiming order as the enum declaration).</summary>
    public static string EnumerantName(EnumNode node, int index)
    {
        var scope = new NameScope([]);
        string name = "";
        for (int i = 0; i <= index; i++) name = scope.Claim(Naming.Pascal(node.Enumerants[i].Name));
        return name;
    }
}
