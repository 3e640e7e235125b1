using System.Text;
using Pilot.Capnp.Schema.Tests.Generated;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>Messages written by the reference (<c>capnp encode</c> of everything.txt), read with the generated readers.</summary>
public class GeneratedReaderTests
{
    private static MessageReader[] ReferenceMessages(params string[] extraArgs)
    {
        byte[] framed = Tool.Capnp(File.ReadAllBytes(Tool.EverythingText), ["encode", .. extraArgs, Tool.Everything, "Everything"]);
        var stream = new MemoryStream(framed);
        var messages = new List<MessageReader>();
        while (MessageReader.ReadFramed(stream) is { } m) messages.Add(m);
        return messages.ToArray();
    }

    [SkippableFact]
    public void Primitives_text_and_data_read_as_the_reference_wrote_them()
    {
        var root = Everything.Reader.Create(ReferenceMessages()[0].Root);
        var p = root.Primitives;
        Assert.True(p.Bool);
        Assert.Equal(sbyte.MinValue, p.Int8);
        Assert.Equal(short.MinValue, p.Int16);
        Assert.Equal(int.MinValue, p.Int32);
        Assert.Equal(long.MinValue, p.Int64);
        Assert.Equal(byte.MaxValue, p.Uint8);
        Assert.Equal(ushort.MaxValue, p.Uint16);
        Assert.Equal(uint.MaxValue, p.Uint32);
        Assert.Equal(ulong.MaxValue, p.Uint64);
        Assert.Equal(0.1f, p.Float32);
        Assert.Equal(0.1, p.Float64);
        Assert.Equal("a\x01\x7f\"\\'\a\b\f\n\r\t\v?A é€😀", p.Text);
        Assert.Equal(Encoding.UTF8.GetBytes(p.Text), p.TextUtf8.ToArray());
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), p.Data.ToArray());
        Assert.True(p.Flag1);
        Assert.False(p.Flag2);
        Assert.True(p.Flag3);
        Assert.Equal("keyword", root.Self.String);
        Assert.Equal(-1, root.Self.Self.Everything);
        Assert.Equal(Color.Class, root.Color);
        Assert.Equal(Everything.Inner.Mode.Off, root.Inner.Mode);
        Assert.Equal(7u, root.Inner.Count);
    }

    [SkippableFact]
    public void Unset_fields_read_as_their_schema_defaults()
    {
        var root = Everything.Reader.Create(ReferenceMessages()[1].Root);  // (color = blue)
        Assert.Equal(Color.Blue, root.Color);
        Assert.False(root.HasDefaults);
        var d = root.Defaults;  // null pointer: every field reads its default
        Assert.True(d.Bool);
        Assert.Equal(-123, d.Int8);
        Assert.Equal(-12345, d.Int16);
        Assert.Equal(-12345678, d.Int32);
        Assert.Equal(-123456789012345L, d.Int64);
        Assert.Equal(234, d.Uint8);
        Assert.Equal(45678, d.Uint16);
        Assert.Equal(3456789012u, d.Uint32);
        Assert.Equal(12345678901234567890UL, d.Uint64);
        Assert.Equal(1234.5f, d.Float32);
        Assert.Equal(-1.25e-123, d.Float64);
        Assert.Equal("défaut", d.Text);
        Assert.Equal("défaut"u8.ToArray(), d.TextUtf8.ToArray());
        Assert.Equal(new byte[] { 1, 2, 0xff }, d.Data.ToArray());
        Assert.Equal((3.5f, 4.25f), (d.Point.X, d.Point.Y));
        Assert.Equal(new[] { 1, -2, 3 }, ToArray(d.Ints));
        Assert.Equal(new[] { "a", "b" }, d.Texts.Cast());
        Assert.Equal(Color.Green, d.Color);
        Assert.Equal(2, d.Points.Count);
        Assert.Equal((1f, 0f, 0f, 2f), (d.Points[0].X, d.Points[0].Y, d.Points[1].X, d.Points[1].Y));
        Assert.Equal(42, EverythingSchema.Answer);
        Assert.Equal("hello\n\"world\"", EverythingSchema.Greeting);
        Assert.Equal(3.14159, EverythingSchema.Pi);
        Assert.Equal(Color.Blue, EverythingSchema.Favourite);
        Assert.Equal((1.5f, -2.5f), (EverythingSchema.Origin.X, EverythingSchema.Origin.Y));
        Assert.Equal(new ushort[] { 2, 3, 5, 7, 11 }, ToArray(EverythingSchema.Primes));
        Assert.Equal(100u, Everything.Inner.Limit);
    }

    [SkippableFact]
    public void Explicit_values_equal_to_zero_override_non_zero_defaults()
    {
        var d = Everything.Reader.Create(ReferenceMessages()[3].Root).Defaults;
        Assert.False(d.Bool);
        Assert.Equal(0, d.Int8);
        Assert.Equal(0UL, d.Uint64);
        Assert.Equal(0f, d.Float32);
        Assert.Equal("", d.Text);
        Assert.True(d.HasText);
        Assert.Equal(0, d.Data.Length);
        Assert.Equal(0f, d.Point.X);
        Assert.Equal(0, d.Ints.Count);
        Assert.Equal(0, d.Points.Count);
        Assert.Equal(Color.Red, d.Color);
    }

    [SkippableFact]
    public void Unions_groups_and_lists_of_every_kind_read_back()
    {
        // Multi-segment input from the reference exercises far pointers in the generated readers too.
        foreach (var message in new[] { ReferenceMessages()[0], ReferenceMessages("--segment-size=3")[0] })
        {
            var root = Everything.Reader.Create(message.Root);
            var shape = root.Shape;
            Assert.Equal("s", shape.Name);
            Assert.Equal(Shape.Which.Polygon, shape.Which);
            Assert.Equal(3, shape.Polygon.Count);
            Assert.Equal(float.PositiveInfinity, shape.Polygon[1].X);
            Assert.Equal(float.NegativeInfinity, shape.Polygon[1].Y);
            Assert.Equal(Shape.Fill.Which.Solid, shape.Fill.Which);
            Assert.Equal(Color.Blue, shape.Fill.Solid);
            Assert.Equal(1f, shape.Style.Width);
            Assert.Equal(Shape.Style.Kind.Which.Dotted, shape.Style.Kind.Which);
            Assert.True(shape.Style.Kind.Dotted);

            var l = root.Lists;
            Assert.Equal(3, l.Voids.Count);
            Assert.Equal(new[] { true, false, true, true, false, false, false, false, true }, ToArray(l.Bools));
            Assert.Equal(new sbyte[] { 1, -1, 127, -128 }, ToArray(l.Int8s));
            Assert.Equal(new short[] { short.MaxValue, short.MinValue }, ToArray(l.Int16s));
            Assert.Equal(new[] { 15, 0 }, ToArray(l.Int32s));
            Assert.Equal(new[] { long.MaxValue }, ToArray(l.Int64s));
            Assert.Equal(new byte[] { 255, 0 }, ToArray(l.Uint8s));
            Assert.Equal(new ushort[] { 65535 }, ToArray(l.Uint16s));
            Assert.Equal(new uint[] { uint.MaxValue, 1 }, ToArray(l.Uint32s));
            Assert.Equal(new[] { ulong.MaxValue }, ToArray(l.Uint64s));
            Assert.Equal(1e10f, l.Float32s[0]);
            Assert.True(float.IsNaN(l.Float32s[3]));
            Assert.Equal(5e-324, l.Float64s[7]);
            Assert.Equal(new[] { "x", "", "a long text element that does not fit on one line" }, l.Texts.Cast());
            Assert.Equal(new byte[] { 0, 1 }, l.Datas[0].ToArray());
            Assert.Equal(0, l.Datas[1].Length);
            Assert.Equal(new byte[] { 0xff }, l.Datas[2].ToArray());
            Assert.Equal((1f, 2f), (l.Points[0].X, l.Points[0].Y));
            Assert.Equal(new[] { Color.Red, Color.Class, Color.Blue, Color.Green }, ToArray(l.Colors));
            Assert.Equal(new[] { 2, 0, 1 }, l.Nested.Cast().Select(n => n.Count));
            Assert.Equal(3, l.Nested[2][0]);
            Assert.Equal(Shape.Which.Circle, l.Shapes[0].Which);
            Assert.Equal(2.0, l.Shapes[1].Square);
            Assert.Equal(Shape.Which.Nothing, l.Shapes[2].Which);
            Assert.Equal((byte)3, l.Shapes[3].Other.Sides);
            Assert.Equal("tri", l.Shapes[3].Other.Label);
            Assert.Equal("dots", l.Shapes[4].Fill.Pattern);
            Assert.Equal(7u, l.Shapes[4].Style.Kind.Dashed);
            Assert.Equal("a", l.Deep[0][0][0]);
            Assert.Equal(0, l.Deep[0][1].Count);
            Assert.Equal(0, l.Deep[1].Count);
        }
    }


    private static T[] ToArray<T>(Views.PrimitiveList<T> list) where T : unmanaged
    {
        var result = new List<T>();
        foreach (var item in list) result.Add(item);
        return result.ToArray();
    }

    private static T[] ToArray<T>(Views.EnumList<T> list) where T : unmanaged, Enum
    {
        var result = new List<T>();
        foreach (var item in list) result.Add(item);
        return result.ToArray();
    }
}


internal static class ListExtensions
{
    public static string[] Cast(this Views.TextList list)
    {
        var result = new List<string>();
        foreach (string item in list) result.Add(item);
        return result.ToArray();
    }

    public static IEnumerable<T> Cast<T>(this Views.ListList<T> list) where T : struct, Views.IListView<T>
    {
        var result = new List<T>();
        foreach (var item in list) result.Add(item);
        return result;
    }
}
