using System.Text;

namespace Pilot.Capnp.Tests;

/// <summary>Differential tests against the reference implementation (Debian's <c>capnp</c> tool) on schemas/oracle.capnp.</summary>
public class OracleTests
{
    // Layout of Sample as `capnp compile -ocapnp schemas/oracle.capnp` reports it: 7 data words, 15 pointers.
    private const int SampleData = 7, SamplePointers = 15;

    internal static MessageBuilder BuildSample(MessageBuilder b)
    {
        var s = b.InitRoot(SampleData, SamplePointers);
        s.WriteUInt8(0, 200);                   // u8
        s.WriteInt8(1, -7);                     // i8
        s.WriteInt16(1, -30000);                // i16
        s.WriteUInt32(1, 4000000000);           // u32
        s.WriteInt64(1, -1234567890123);        // i64
        s.WriteFloat32(4, 1.5f);                // f32
        s.WriteFloat64(3, 2.5, 7.0);            // f64 = 7.0
        s.WriteBool(160, true);                 // flag
        s.WriteBool(161, false, true);          // flagDefTrue = true
        s.WriteUInt16(11, 2);                   // gear = reverse
        s.SetText(0, "hello, world");           // text
        s.SetData(1, [0, 1, 0xfe, 0xff]);       // data
        var inner = s.InitStruct(2, 1, 1);      // inner
        inner.WriteInt32(0, 99);
        inner.SetText(0, "inner");
        var floats = s.InitList(3, ElementSize.FourBytes, 3);
        floats.SetFloat32(0, 0.25f); floats.SetFloat32(1, -2f); floats.SetFloat32(2, 1e10f);
        var inners = s.InitStructList(4, 2, 1, 1);
        inners.GetStruct(0).WriteInt32(0, 1);
        inners.GetStruct(0).SetText(0, "a");
        inners.GetStruct(1).WriteInt32(0, -2);
        var bits = s.InitList(5, ElementSize.Bit, 10);
        bits.SetBool(0, true); bits.SetBool(9, true);
        var nested = s.InitList(6, ElementSize.Pointer, 2);
        var n0 = nested.InitList(0, ElementSize.EightBytes, 2);
        n0.SetInt64(0, long.MaxValue); n0.SetInt64(1, long.MinValue);
        nested.InitList(1, ElementSize.EightBytes, 0);
        var texts = s.InitList(7, ElementSize.Pointer, 3);
        texts.SetText(0, "x"); texts.SetText(2, "exactly8");
        var u16s = s.InitList(8, ElementSize.TwoBytes, 2);
        u16s.SetUInt16(0, 65535); u16s.SetUInt16(1, 1);
        s.InitList(9, ElementSize.Void, 5);
        s.InitStruct(10, 1, 1);                 // empty: present, all defaults
        s.WriteUInt64(4, ulong.MaxValue);       // u64
        s.WriteInt32(10, 12345, -100);          // i32 = -100
        s.WriteUInt16(22, 2);                   // union discriminant: label
        s.SetText(11, "chosen");
        s.WriteFloat32(12, -0.5f);              // group.x
        s.WriteFloat32(13, 3f);                 // group.y
        var any = s.InitStruct(12, 1, 1);       // any: an Inner
        any.WriteInt32(0, 5);
        s.InitStruct(13, 0, 0);                 // emptyStruct: zero-sized
        s.InitStructList(14, 3, 0, 0);          // empties: zero-sized elements
        return b;
    }

    private const string ExpectedText =
        "(u8 = 200, i8 = -7, i16 = -30000, u32 = 4000000000, i64 = -1234567890123, f32 = 1.5, f64 = 2.5, " +
        "flag = true, flagDefTrue = false, gear = reverse, text = \"hello, world\", data = \"\\000\\001\\376\\377\", " +
        "inner = (id = 99, name = \"inner\"), floats = [0.25, -2, 1e10], " +
        "inners = [(id = 1, name = \"a\"), (id = -2)], " +
        "bits = [true, false, false, false, false, false, false, false, false, true], " +
        "nested = [[9223372036854775807, -9223372036854775808], []], texts = [\"x\", \"\", \"exactly8\"], " +
        "u16s = [65535, 1], voids = [void, void, void, void, void], empty = (id = 0), u64 = 18446744073709551615, " +
        "i32 = 12345, label = \"chosen\", group = (x = -0.5, y = 3), any = <opaque pointer>, emptyStruct = (), " +
        "empties = [(), (), ()])\n";

    public static IEnumerable<object?[]> Layouts() =>
    [
        [1024, null],   // one segment
        [1, 1],         // every object in its own segment behind a far pointer
        [1, 2],
        [2, 3],
        [5, 5],
    ];

    [SkippableTheory]
    [MemberData(nameof(Layouts))]
    public void ReferenceDecodesWhatWeBuild(int first, int? max)
    {
        var b = BuildSample(new MessageBuilder(first, max));
        if (first < 1024) Assert.True(b.SegmentCount > 3, $"expected many segments, got {b.SegmentCount}");
        byte[] framed = b.ToFramedArray();
        Assert.Equal(ExpectedText, CapnpTool.Decode(framed));
        AssertSample(MessageReader.ReadFramed(framed).Root);
        AssertSample(b.GetRoot(SampleData, SamplePointers).AsReader());
    }

    [SkippableTheory]
    [MemberData(nameof(Layouts))]
    public void ReferenceDecodesWhatWePack(int first, int? max)
    {
        var b = BuildSample(new MessageBuilder(first, max));
        var packed = new MemoryStream();
        b.WritePacked(packed);
        Assert.Equal(ExpectedText, CapnpTool.Decode(packed.ToArray(), packed: true));
    }

    internal static void AssertSample(StructReader s)
    {
        Assert.Equal(200, s.ReadUInt8(0));
        Assert.Equal(-7, s.ReadInt8(1));
        Assert.Equal(-30000, s.ReadInt16(1));
        Assert.Equal(4000000000u, s.ReadUInt32(1));
        Assert.Equal(-1234567890123, s.ReadInt64(1));
        Assert.Equal(1.5f, s.ReadFloat32(4));
        Assert.Equal(2.5, s.ReadFloat64(3, 7.0));
        Assert.True(s.ReadBool(160));
        Assert.False(s.ReadBool(161, true));
        Assert.Equal(2, s.ReadUInt16(11));
        Assert.Equal("hello, world", s.ReadText(0));
        Assert.Equal(new byte[] { 0, 1, 0xfe, 0xff }, s.ReadData(1).ToArray());
        Assert.Equal(99, s.ReadStruct(2).ReadInt32(0));
        Assert.Equal("inner", s.ReadStruct(2).ReadText(0));
        var floats = s.ReadList(3);
        Assert.Equal(new[] { 0.25f, -2f, 1e10f }, floats.GetPrimitiveSpan<float>().ToArray());
        var inners = s.ReadList(4);
        Assert.Equal(ElementSize.InlineComposite, inners.ElementSize);
        Assert.Equal((1, "a"), (inners.GetStruct(0).ReadInt32(0), inners.GetStruct(0).ReadText(0)));
        Assert.Equal((-2, false), (inners.GetStruct(1).ReadInt32(0), inners.GetStruct(1).HasPointer(0)));
        var bits = s.ReadList(5);
        Assert.Equal(10, bits.Count);
        for (int i = 0; i < 10; i++) Assert.Equal(i is 0 or 9, bits.GetBool(i));
        var nested = s.ReadList(6);
        Assert.Equal(long.MaxValue, nested.GetList(0).GetInt64(0));
        Assert.Equal(long.MinValue, nested.GetList(0).GetInt64(1));
        Assert.Equal(0, nested.GetList(1).Count);
        var texts = s.ReadList(7);
        Assert.Equal(new[] { "x", "", "exactly8" }, new[] { texts.GetText(0), texts.GetText(1), texts.GetText(2) });
        Assert.Equal(65535, s.ReadList(8).GetUInt16(0));
        Assert.Equal(1, s.ReadList(8).GetUInt16(1));
        Assert.Equal((5, ElementSize.Void), (s.ReadList(9).Count, s.ReadList(9).ElementSize));
        Assert.False(s.ReadStruct(10).IsNull);
        Assert.Equal(ulong.MaxValue, s.ReadUInt64(4));
        Assert.Equal(12345, s.ReadInt32(10, -100));
        Assert.Equal(2, s.ReadUInt16(22));
        Assert.Equal("chosen", s.ReadText(11));
        Assert.Equal((-0.5f, 3f), (s.ReadFloat32(12), s.ReadFloat32(13)));
        Assert.Equal(PointerKind.Struct, s.ReadAnyPointer(12).Kind);
        Assert.Equal(5, s.ReadAnyPointer(12).AsStruct().ReadInt32(0));
        var empty = s.ReadStruct(13);
        Assert.Equal((false, 0, 0), (empty.IsNull, empty.DataWords, empty.PointerCount));
        Assert.Equal(3, s.ReadList(14).Count);
    }

    private static string EncodableText() => ExpectedText.Replace("any = <opaque pointer>, ", "");

    [SkippableTheory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData("1", false)]
    [InlineData("2", true)]
    [InlineData("3", false)]
    public void WeReadWhatReferenceEncodes(string? segmentSize, bool packed)
    {
        var args = new List<string> { "encode" };
        if (segmentSize is not null) args.Add("--segment-size=" + segmentSize);
        if (packed) args.Add("--packed");
        args.AddRange([CapnpTool.Schema, "Sample"]);
        byte[] output = CapnpTool.Run(Encoding.UTF8.GetBytes(EncodableText()), [.. args]);
        var reader = packed ? MessageReader.ReadPacked(new MemoryStream(output))! : MessageReader.ReadFramed(output);
        if (segmentSize is not null) Assert.True(reader.SegmentCount > 5, $"expected many segments, got {reader.SegmentCount}");
        var root = reader.Root;
        AssertSample(WithAny(root));
        // Re-encoding what we read must give back the reference's text.
        var copy = new MessageBuilder();
        copy.SetRoot(root);
        Assert.Equal(EncodableText(), CapnpTool.Decode(copy.ToFramedArray()));
    }

    /// <summary>The reference text cannot set AnyPointer; put an Inner(id=5) there so that <see cref="AssertSample"/> applies.</summary>
    private static StructReader WithAny(StructReader root)
    {
        var b = new MessageBuilder();
        b.SetRoot(root);
        b.GetRoot(SampleData, SamplePointers).InitStruct(12, 1, 1).WriteInt32(0, 5);
        return MessageReader.ReadFramed(b.ToFramedArray()).Root;
    }

    [SkippableTheory]
    [MemberData(nameof(Layouts))]
    public void CanonicalizeMatchesReference(int first, int? max)
    {
        var b = BuildSample(new MessageBuilder(first, max));
        byte[] framed = b.ToFramedArray();
        byte[] reference = CapnpTool.Run(framed, "convert", "binary:canonical");
        var reader = MessageReader.ReadFramed(framed);
        byte[] ours = Canonical.Canonicalize(reader.Root);
        Assert.Equal(reference, ours);
        Assert.True(Canonical.IsCanonical(MessageReader.FromSegments([ours])));
        Assert.False(Canonical.IsCanonical(reader));   // untruncated sections (and far pointers when segmented)
    }
}
