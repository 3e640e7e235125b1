using Pilot.Capnp.Schema.Tests.Generated;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>Generated readers are views: reading values, lists, nested structs and defaults allocates nothing.</summary>
public class GeneratedAllocationTests
{
    private static double ReadAll(Everything.Reader root)
    {
        double sum = root.Everything + (int)root.Color;
        var p = root.Primitives;
        sum += p.Int8 + p.Int16 + p.Int32 + p.Int64 + p.Uint8 + p.Uint16 + p.Uint32 + (double)p.Uint64 + p.Float32 + p.Float64;
        sum += p.Data.Length + p.TextUtf8.Length + (p.Bool ? 1 : 0);
        foreach (int v in root.Lists.Int32s) sum += v;
        foreach (var point in root.Shape.Polygon) sum += point.X + point.Y;
        foreach (var inner in root.Lists.Nested)
            foreach (int v in inner) sum += v;
        for (int i = 0; i < root.Lists.Texts.Count; i++) sum += root.Lists.Texts.GetUtf8(i).Length;
        var d = root.Defaults;  // null: every read goes to the defaults
        sum += d.Point.X + d.Ints[2] + d.Points.Count + d.Data.Length + d.TextUtf8.Length + (int)d.Color;
        sum += root.Shape.Style.Width + (root.Shape.Style.Kind.Dotted ? 1 : 0) + (int)root.Shape.Which;
        return sum;
    }

    [Fact]
    public void Reading_every_kind_of_field_allocates_nothing()
    {
        var message = new MessageBuilder();
        var root = Everything.Builder.Create(message.InitRoot(Everything.Builder.DataWords, Everything.Builder.PointerCount));
        root.InitPrimitives().SetText("text");
        var ints = root.InitLists().InitInt32s(3);
        ints[2] = 5;
        var polygon = root.InitShape().InitPolygon(2);
        polygon[1].SetY(2);
        var reader = Everything.Reader.Create(message.AsReader().Root);
        double expected = ReadAll(reader);  // warms up static defaults and the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        double actual = ReadAll(reader);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(expected, actual);
        // text 4 bytes, ints 5, polygon y 2; defaults: point.x 3.5, ints[2] 3, 2 points, 3 data bytes, "défaut" 7 bytes,
        // green 1; style width 1; Which.Polygon 3.
        Assert.Equal(4 + 5 + 2 + 3.5 + 3 + 2 + 3 + 7 + 1 + 1 + 3, actual);
        Assert.Equal(0, allocated);
    }
}
