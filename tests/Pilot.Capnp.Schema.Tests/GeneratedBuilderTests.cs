using System.Text;
using Pilot.Capnp.Schema.Tests.Generated;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>
/// Messages built with the generated builders, read back by the reference (<c>capnp decode</c>): the text must equal
/// what the reference prints for the same content given as text (<c>capnp encode</c> then <c>capnp decode</c>).
/// </summary>
public class GeneratedBuilderTests
{
    /// <summary>The content <see cref="Fill"/> builds, as a text literal.</summary>
    private const string Expected =
        "( primitives = (bool = true, int8 = -5, int16 = 300, int32 = -70000, int64 = 5000000000, uint8 = 200, uint16 = 60000," +
        " uint32 = 4000000000, uint64 = 18000000000000000000, float32 = 1.5, float64 = -2.25e-300, text = \"hé\\n\\\"x\\\"\"," +
        " data = 0x\"00 01 fe ff\", flag2 = true)," +
        " defaults = (int8 = 0, text = \"\", point = (x = 1)), " +
        " shape = (name = \"sq\", polygon = [(x = 1, y = 2), (x = -1)], fill = (pattern = \"stripes\"), style = (width = 2, kind = (dotted = true)))," +
        " lists = (voids = [void, void], bools = [true, false, false, true, false, false, false, false, true]," +
        " int8s = [-1, 1], int16s = [-300], int32s = [7, 8, 9], int64s = [-1], uint8s = [255], uint16s = [65535], uint32s = [1]," +
        " uint64s = [18446744073709551615], float32s = [0.5, inf], float64s = [-0.125], texts = [\"one\", \"\", \"three\"]," +
        " datas = [0x\"ff\", \"\"], points = [(x = 3, y = 4)], colors = [class, red], nested = [[1, 2], [], [3]]," +
        " shapes = [(circle = 1), (other = (sides = 5, label = \"pent\"))], deep = [[[\"a\", \"b\"]], []])," +
        " inner = (mode = off, count = 3), color = blue, self = (everything = 1, string = \"inner\"), string = \"outer\", everything = 42 )";

    /// <summary>Builds the content of <see cref="Expected"/> with the generated builders.</summary>
    private static void Fill(Everything.Builder root)
    {
        var p = root.InitPrimitives();
        p.SetBool(true);
        p.SetInt8(-5);
        p.SetInt16(300);
        p.SetInt32(-70000);
        p.SetInt64(5_000_000_000);
        p.SetUint8(200);
        p.SetUint16(60000);
        p.SetUint32(4_000_000_000);
        p.SetUint64(18_000_000_000_000_000_000);
        p.SetFloat32(1.5f);
        p.SetFloat64(-2.25e-300);
        p.SetText("hé\n\"x\"");
        p.SetData([0x00, 0x01, 0xfe, 0xff]);
        p.SetFlag2(true);

        var d = root.InitDefaults();
        d.SetInt8(0);  // differs from the default -123, so it must be written
        d.SetText("");
        d.InitPoint().SetX(1);

        var shape = root.InitShape();
        shape.SetName("sq");
        var polygon = shape.InitPolygon(2);
        polygon[0].SetX(1);
        polygon[0].SetY(2);
        polygon[1].SetX(-1);
        shape.Fill.SetPattern("stripes"u8);
        shape.Style.SetWidth(2);
        shape.Style.Kind.SetDotted(true);

        var lists = root.InitLists();
        lists.InitVoids(2);
        var bools = lists.InitBools(9);
        bools[0] = true;
        bools[3] = true;
        bools[8] = true;
        var int8s = lists.InitInt8s(2);
        int8s[0] = -1;
        int8s[1] = 1;
        lists.InitInt16s(1)[0] = -300;
        var int32s = lists.InitInt32s(3);
        for (int i = 0; i < 3; i++) int32s[i] = 7 + i;
        lists.InitInt64s(1)[0] = -1;
        lists.InitUint8s(1)[0] = 255;
        lists.InitUint16s(1)[0] = 65535;
        lists.InitUint32s(1)[0] = 1;
        lists.InitUint64s(1)[0] = ulong.MaxValue;
        var f32 = lists.InitFloat32s(2);
        f32[0] = 0.5f;
        f32[1] = float.PositiveInfinity;
        lists.InitFloat64s(1)[0] = -0.125;
        var texts = lists.InitTexts(3);
        texts[0] = "one";
        texts[1] = "";
        texts[2] = "three";
        var datas = lists.InitDatas(2);
        datas.Set(0, [0xff]);
        datas.Set(1, []);
        var points = lists.InitPoints(1);
        points[0].SetX(3);
        points[0].SetY(4);
        var colors = lists.InitColors(2);
        colors[0] = Color.Class;
        colors[1] = Color.Red;
        var nested = lists.InitNested(3);
        var first = nested.Init(0, 2);
        first[0] = 1;
        first[1] = 2;
        nested.Init(1, 0);
        nested.Init(2, 1)[0] = 3;
        var shapes = lists.InitShapes(2);
        shapes[0].SetCircle(1);
        var other = shapes[1].InitOther();
        other.SetSides(5);
        other.SetLabel("pent");
        var deep = lists.InitDeep(2);
        var inner = deep.Init(0, 1).Init(0, 2);
        inner[0] = "a";
        inner[1] = "b";
        deep.Init(1, 0);

        var innerStruct = root.InitInner();
        innerStruct.SetMode(Everything.Inner.Mode.Off);
        innerStruct.SetCount(3);
        root.SetColor(Color.Blue);
        var self = root.InitSelf();
        self.SetEverything(1);
        self.SetString("inner");
        root.SetString("outer");
        root.SetEverything(42);
    }

    private static string ReferenceText(byte[] framed) =>
        Encoding.UTF8.GetString(Tool.Capnp(framed, "decode", Tool.Everything, "Everything"));

    private static string ExpectedText() =>
        ReferenceText(Tool.Capnp(Encoding.UTF8.GetBytes(Expected), "encode", Tool.Everything, "Everything"));

    [SkippableFact]
    public void Generated_builders_decode_in_the_reference_to_the_expected_text()
    {
        var message = new MessageBuilder();
        Fill(Everything.Builder.Create(message.InitRoot(Everything.Builder.DataWords, Everything.Builder.PointerCount)));
        Assert.Equal(ExpectedText(), ReferenceText(message.ToFramedArray()));
    }

    [SkippableFact]
    public void Generated_builders_over_many_tiny_segments_use_far_pointers_the_reference_reads()
    {
        var message = new MessageBuilder(firstSegmentWords: 2, maxSegmentWords: 3);
        Fill(Everything.Builder.Create(message.InitRoot(Everything.Builder.DataWords, Everything.Builder.PointerCount)));
        Assert.True(message.SegmentCount > 10, $"only {message.SegmentCount} segments");
        Assert.Equal(ExpectedText(), ReferenceText(message.ToFramedArray()));
    }

    [SkippableFact]
    public void Packed_output_of_generated_builders_decodes_in_the_reference()
    {
        var message = new MessageBuilder();
        Fill(Everything.Builder.Create(message.InitRoot(Everything.Builder.DataWords, Everything.Builder.PointerCount)));
        using var packed = new MemoryStream();
        message.WritePacked(packed);
        string actual = Encoding.UTF8.GetString(Tool.Capnp(packed.ToArray(), "decode", "--packed", Tool.Everything, "Everything"));
        Assert.Equal(ExpectedText(), actual);
    }

    [SkippableFact]
    public void AnyPointer_set_by_the_generated_builder_prints_as_opaque_in_both_printers()
    {
        var point = new MessageBuilder();
        var p = Point.Builder.Create(point.InitRoot(Point.Builder.DataWords, Point.Builder.PointerCount));
        p.SetX(9);
        var message = new MessageBuilder();
        var root = Everything.Builder.Create(message.InitRoot(Everything.Builder.DataWords, Everything.Builder.PointerCount));
        root.SetAny(point.AsReader().RootPointer);
        string reference = ReferenceText(message.ToFramedArray());
        Assert.Contains("any = <opaque pointer>", reference);
        var codec = new Text.TextCodec(CapnpTool.Load(Tool.Everything), CapnpTool.Load(Tool.Everything).FindStruct("Everything"));
        using var output = new MemoryStream();
        codec.Decode(new MemoryStream(message.ToFramedArray()), output);
        Assert.Equal(reference, Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(9f, root.AsReader().Any.AsStruct().ReadFloat32(0));
    }

    [Fact]
    public void Union_setters_select_the_member_and_InitGroup_clears_it()
    {
        var message = new MessageBuilder();
        var shape = Shape.Builder.Create(message.InitRoot(Shape.Builder.DataWords, Shape.Builder.PointerCount));
        Assert.Equal(Shape.Which.Circle, shape.Which);
        shape.SetSquare(2);
        Assert.Equal(Shape.Which.Square, shape.Which);
        var other = shape.InitOther();   // shares the data word of square: must read back as zero
        Assert.Equal(Shape.Which.Other, shape.Which);
        Assert.Equal(0, other.Sides);
        shape.SetNothing();
        Assert.Equal(Shape.Which.Nothing, shape.AsReader().Which);
        shape.Fill.SetSolid(Color.Green);
        Assert.Equal(Shape.Fill.Which.Solid, shape.AsReader().Fill.Which);
        shape.Style.Kind.SetDotted(true);
        Assert.Equal(Shape.Style.Kind.Which.Dotted, shape.AsReader().Style.Kind.Which);
        Assert.Equal(1f, shape.AsReader().Style.Width);  // the default of a field never written
    }
}
