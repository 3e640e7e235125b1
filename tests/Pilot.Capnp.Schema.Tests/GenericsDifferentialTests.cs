using System.Text;
using Pilot.Capnp.Schema.Text;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>Generic structs (brands): parameters bound at the use site print and parse as their bound types, like capnp.</summary>
public class GenericsDifferentialTests
{
    private static string Schema => Path.Combine(Tool.SchemaDir, "generics.capnp");
    private static byte[] Text => File.ReadAllBytes(Path.Combine(Tool.SchemaDir, "generics.txt"));

    [SkippableFact]
    public void Decode_and_encode_of_generic_structs_match_capnp()
    {
        byte[] reference = Tool.Capnp(Text, "encode", Schema, "Holder");
        var codec = TextCodec.Load(Schema, "Holder");
        using var encoded = new MemoryStream();
        codec.Encode(Text, encoded);
        Assert.Equal(reference, encoded.ToArray());

        using var decoded = new MemoryStream();
        codec.Decode(new MemoryStream(reference), decoded);
        string text = Encoding.UTF8.GetString(decoded.ToArray());
        Assert.Equal(Encoding.UTF8.GetString(Tool.Capnp(reference, "decode", Schema, "Holder")), text);
        Assert.Contains("second = (value = \"deep\"", text);  // Box(Text) inside Pair(Text, Box(Text))
        Assert.Contains("inner = (item = \"i\")", text);      // Box(T).Inner inherits T = Text
    }

    [SkippableFact]
    public void Brands_are_read_from_the_request()
    {
        var schema = CapnpTool.Load(Schema);
        var holder = schema.FindStruct("Holder");
        var text = holder.FindField("text")!.Type!;
        var scope = Assert.Single(text.Brand);
        Assert.Equal(schema.FindStruct("Box").Id, scope.ScopeId);
        Assert.Equal(TypeKind.Text, Assert.Single(scope.Bindings!)!.Kind);
        var value = schema.FindStruct("Box").FindField("value")!.Type!;
        Assert.True(value.IsParameter);
        Assert.Equal(TypeKind.Text, TypeBindings.None.Enter(text).Resolve(value).Kind);
        Assert.Same(value, TypeBindings.None.Resolve(value));  // unbound: stays AnyPointer
    }
}
