using Pilot.Capnp.Compiler;
using Pilot.Capnp.Schema.Tests.Generated;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>
/// names.capnp's clashing names compile (the committed code is part of this project) and map to the members below
/// (GeneratedCodeTests checks the committed file is still what the generator writes).
/// </summary>
public class NamingTests
{
    [Theory]
    [InlineData("fooBar", "FooBar")]
    [InlineData("x", "X")]
    [InlineData("uint8", "Uint8")]
    [InlineData("snake_case_name", "SnakeCaseName")]
    [InlineData("2d", "_2d")]
    public void Pascal_case(string name, string expected) => Assert.Equal(expected, Naming.Pascal(name));

    [Fact]
    public void Clashing_names_get_numbered_suffixes_in_declaration_order()
    {
        var message = new MessageBuilder();
        var thing = Thing.Builder.Create(message.InitRoot(Thing.Builder.DataWords, Thing.Builder.PointerCount));
        thing.SetFoo("text");
        thing.SetHasFoo2(true);           // field hasFoo: HasFoo is the presence check of field foo
        thing.SetSetFoo2(7);              // field setFoo: SetFoo is the setter of field foo
        thing.Thing.SetValue(3);          // group thing inside struct Thing: class Thing.Thing2
        thing.SetKind(Thing.Which2.InitFoo);  // nested enum Which beside the union's Which
        thing.InitClass().SetReader2(true);   // struct Reader: class Reader2; its field reader: Reader2
        var reader = thing.AsReader();
        Assert.Equal((true, "text", true, (ushort)7), (reader.HasFoo, reader.Foo, reader.HasFoo2, reader.SetFoo2));
        Assert.Equal((byte)3, reader.Thing.Value);
        Assert.Equal(Thing.Which2.InitFoo, reader.Kind);
        Assert.Equal(Thing.Which.Class, reader.Which);
        Assert.True(reader.Class.Reader2);
        thing.SetStruct2();
        Assert.Equal(Thing.Which.Struct, thing.Which);
    }
}
