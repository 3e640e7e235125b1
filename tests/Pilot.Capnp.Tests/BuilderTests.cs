namespace Pilot.Capnp.Tests;

public class BuilderTests
{
    /// <summary>A message of pointers only (structs without data, lists of zero words), so that every non-zero word
    /// is a pointer, a landing pad or a tag, and far pointers can be counted by scanning.</summary>
    private static MessageBuilder PointerTree(MessageBuilder b)
    {
        var root = b.InitRoot(0, 4);
        for (int i = 0; i < 3; i++)
        {
            var child = root.InitStruct(i, 0, 2);
            child.InitList(0, ElementSize.EightBytes, 3 + i);
            child.InitStruct(1, 0, 1).InitList(0, ElementSize.Pointer, 2);
        }
        root.InitStructList(3, 2, 0, 1);
        return b;
    }

    private static (int Single, int Double) CountFar(MessageBuilder b)
    {
        int single = 0, doubles = 0;
        foreach (var segment in b.GetSegments())
            for (int at = 0; at < segment.Length; at += 8)
            {
                ulong w = BitConverter.ToUInt64(segment.Span[at..]);
                if ((w & 3) != 2) continue;
                if ((w & 4) != 0) doubles++; else single++;
            }
        return (single - doubles, doubles);   // each double-far pad starts with a single far pointer
    }

    [Theory]
    [InlineData(1, 1, true, false)]     // every object in its own segment, sized for the object and its landing pad
    [InlineData(1, 2, true, false)]
    [InlineData(1024, null, false, false)]
    public void NewObjectsInOtherSegmentsTakeSingleFarPointers(int first, int? max, bool expectSingle, bool expectDouble)
    {
        var b = PointerTree(new MessageBuilder(first, max));
        var (single, doubles) = CountFar(b);
        Assert.Equal(expectSingle, single > 0);
        Assert.Equal(expectDouble, doubles > 0);
        var root = MessageReader.ReadFramed(b.ToFramedArray()).Root;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(3 + i, root.ReadStruct(i).ReadList(0).Count);
            Assert.Equal(2, root.ReadStruct(i).ReadStruct(1).ReadList(0).Count);
        }
        Assert.Equal(2, root.ReadList(3).Count);
    }

    [Fact]
    public void MovingAStructNextToAFullSegmentTakesDoubleFarPointers()
    {
        var b = new MessageBuilder(1, 1);
        var child = b.InitRoot(0, 1).InitStruct(0, 0, 1);
        child.InitList(0, ElementSize.EightBytes, 2).SetInt64(1, 40);   // data whose low bits do not read as far
        // The upgrade moves the struct to a new segment; its list stays in a segment the list and its pad fill
        // exactly, so the moved pointer needs a two-word pad elsewhere.
        b.GetRoot(0, 1).GetStruct(0, 1, 1).WriteInt64(0, 8);
        // Root pointer -> root struct -> moved struct: single far each; moved struct -> list: double far.
        Assert.Equal((2, 1), CountFar(b));
        var moved = MessageReader.ReadFramed(b.ToFramedArray()).Root.ReadStruct(0);
        Assert.Equal(8, moved.ReadInt64(0));
        Assert.Equal(40, moved.ReadList(0).GetInt64(1));
    }

    [Fact]
    public void DeepCopiesAcrossMessagesAndLayouts()
    {
        var source = MessageReader.ReadFramed(OracleTests.BuildSample(new MessageBuilder(1, 2)).ToFramedArray()).Root;
        var b = new MessageBuilder(4, 8);
        var root = b.InitRoot(1, 4);
        root.SetStruct(0, source);
        root.SetList(1, source.ReadList(4));                 // struct list
        root.SetAnyPointer(2, source.ReadAnyPointer(6));     // list of lists
        var into = root.InitStructList(3, 2, 1, 1);
        into.SetStruct(1, source.ReadList(4).GetStruct(0)); // into a struct-list element
        var r = MessageReader.ReadFramed(b.ToFramedArray()).Root;
        OracleTests.AssertSample(r.ReadStruct(0));
        Assert.Equal("a", r.ReadList(1).GetStruct(0).ReadText(0));
        Assert.Equal(long.MinValue, r.ReadAnyPointer(2).AsList().GetList(0).GetInt64(1));
        Assert.Equal((1, "a"), (r.ReadList(3).GetStruct(1).ReadInt32(0), r.ReadList(3).GetStruct(1).ReadText(0)));
        Assert.True(r.ReadList(3).GetStruct(0).DataSection.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void GetStructUpgradesAnOlderSmallerStruct()
    {
        var b = new MessageBuilder(2, 4);
        var old = b.InitRoot(1, 1);
        old.WriteInt64(0, 77);
        old.SetText(0, "kept");
        var grown = b.GetRoot(2, 3);
        Assert.Equal((2, 3), (grown.DataWords, grown.PointerCount));
        grown.WriteInt64(1, 88);
        grown.SetText(2, "new");
        var r = MessageReader.ReadFramed(b.ToFramedArray()).Root;
        Assert.Equal((77L, 88L, "kept", "new"), (r.ReadInt64(0), r.ReadInt64(1), r.ReadText(0), r.ReadText(2)));
        // A large enough struct is returned as it is.
        var same = b.GetRoot(1, 1);
        Assert.Equal((2, 3), (same.DataWords, same.PointerCount));
    }

    [Fact]
    public void ResetReusesSegmentsForADifferentMessage()
    {
        var b = OracleTests.BuildSample(new MessageBuilder(8, 16));
        int segments = b.SegmentCount;
        b.Reset();
        var root = b.InitRoot(1, 0);
        root.WriteUInt64(0, 5);
        Assert.Equal(1, b.SegmentCount);
        var r = MessageReader.ReadFramed(b.ToFramedArray());
        Assert.Equal(5UL, r.Root.ReadUInt64(0));
        Assert.Equal(2 * 8, b.GetSegments()[0].Length);   // root pointer and the one-word struct, nothing left over
        b.Reset();
        var rebuilt = OracleTests.BuildSample(b);
        Assert.Equal(segments, b.SegmentCount);
        OracleTests.AssertSample(MessageReader.ReadFramed(b.ToFramedArray()).Root);
        OracleTests.AssertSample(rebuilt.GetRoot(7, 15).AsReader());   // builder views see the reused segments
    }

    [Fact]
    public void MisuseThrowsArgumentAndOperationExceptions()
    {
        var b = new MessageBuilder();
        var s = b.InitRoot(1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.WriteUInt32(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.WriteBool(64, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetText(1, "x"));
        var list = s.InitList(0, ElementSize.FourBytes, 2);
        Assert.Throws<InvalidOperationException>(() => list.SetUInt64(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.SetUInt32(2, 1));
        Assert.Throws<InvalidOperationException>(() => s.InitList(0, ElementSize.InlineComposite, 1));
        Assert.Throws<ArgumentException>(() => s.SetText(0, "a\0b"u8));
    }

    [Fact]
    public void ReadsConsecutiveMessagesFromStreamsAndBuffers()
    {
        var first = OracleTests.BuildSample(new MessageBuilder(1, 2));
        var second = new MessageBuilder();
        second.InitRoot(1, 0).WriteInt32(0, 2);
        var stream = new MemoryStream();
        first.WriteFramed(stream);
        second.WriteFramed(stream);
        byte[] all = stream.ToArray();
        stream.Position = 0;
        OracleTests.AssertSample(MessageReader.ReadFramed(stream)!.Root);
        Assert.Equal(2, MessageReader.ReadFramed(stream)!.Root.ReadInt32(0));
        Assert.Null(MessageReader.ReadFramed(stream));

        var m1 = MessageReader.ReadFramed(all, out int used);
        OracleTests.AssertSample(m1.Root);
        Assert.Equal(2, MessageReader.ReadFramed(all.AsMemory(used), out int used2).Root.ReadInt32(0));
        Assert.Equal(all.Length, used + used2);
        Assert.Equal(2, MessageReader.CopyFramed(all.AsSpan(used)).Root.ReadInt32(0));

        var packed = new MemoryStream();
        first.WritePacked(packed);
        second.WritePacked(packed);
        packed.Position = 0;
        OracleTests.AssertSample(MessageReader.ReadPacked(packed)!.Root);
        Assert.Equal(2, MessageReader.ReadPacked(packed)!.Root.ReadInt32(0));
        Assert.Null(MessageReader.ReadPacked(packed));
    }

    [Fact]
    public void PackingRoundTripsAndUsesRunTags()
    {
        byte[] words = new byte[8 * 600];
        words.AsSpan(8, 8).Fill(0xAA);                      // a full word: 0xFF tag
        for (int i = 16; i < 16 + 8 * 20; i++) words[i] = (byte)(i | 1);   // verbatim run after it
        words[8 * 400] = 3;                                 // sparse word between zero runs
        byte[] packed = Packing.Pack(words);
        Assert.Equal(words, Packing.Unpack(packed, words.Length));
        Assert.Equal(new byte[] { 0x00, 0x00, 0xFF }, packed[..3]);   // zero word, no more zeros, then a full word
        Assert.True(packed.Length < 8 * 30, $"packed to {packed.Length} bytes");
        Assert.Equal("maxOutputBytes", Assert.Throws<CapnpLimitException>(() => Packing.Unpack(packed, words.Length - 8)).Limit);
    }

    [SkippableFact]
    public void PackedBytesMatchTheReference()
    {
        foreach (var b in new[] { OracleTests.BuildSample(new MessageBuilder()), OracleTests.BuildSample(new MessageBuilder(1, 2)) })
        {
            // capnp re-serializes what it converts (into one segment), so pack its own binary output to compare.
            byte[] framed = CapnpTool.Run(b.ToFramedArray(), "convert", "binary:binary");
            Assert.Equal(CapnpTool.Run(framed, "convert", "binary:packed"), Packing.Pack(framed));
        }
    }

    [Theory]
    [InlineData(1024, null)]
    [InlineData(1, 2)]
    public void ReplacedValuesAreZeroedNotSent(int first, int? max)
    {
        var b = new MessageBuilder(first, max);
        var root = b.InitRoot(0, 3);
        var old = root.InitStruct(0, 1, 2);
        old.WriteUInt64(0, 0x5EC2E7_5EC2E7UL);
        old.SetText(0, "SECRET-TEXT");
        old.InitStructList(1, 2, 1, 1).GetStruct(1).SetData(0, "SECRET-DATA"u8);
        root.SetText(1, "SECRET-NAME");
        root.InitList(2, ElementSize.Pointer, 1).SetText(0, "SECRET-ITEM");
        root.InitStruct(0, 1, 0).WriteUInt64(0, 1);
        root.SetText(1, (string?)null);
        root.ClearPointer(2);
        byte[] framed = b.ToFramedArray();
        Assert.Equal(-1, framed.AsSpan().IndexOf("SECRET"u8));
        Assert.Equal(-1, framed.AsSpan().IndexOf(BitConverter.GetBytes(0x5EC2E7_5EC2E7UL)));
        var r = MessageReader.ReadFramed(framed).Root;
        Assert.Equal((1UL, false, false), (r.ReadStruct(0).ReadUInt64(0), r.HasPointer(1), r.HasPointer(2)));
    }
}
