namespace Pilot.Capnp.Tests;

/// <summary>Each class of malicious input gets the documented exception, with a position, and bounded work and memory.</summary>
public class HostileInputTests
{
    private static T Throws<T>(Action read) where T : CapnpException => Assert.Throws<T>(read);

    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void EveryTruncationOfAValidMessageIsRejected()
    {
        byte[] framed = OracleTests.BuildSample(new MessageBuilder(2, 3)).ToFramedArray();
        for (int length = 0; length < framed.Length; length++)
        {
            var prefix = framed.AsMemory(0, length);
            var e = Assert.ThrowsAny<CapnpException>(() => MessageReader.ReadFramed(prefix));
            Assert.Contains("truncated", e.Message);
            if (length == 0) continue;
            var stream = new MemoryStream(framed, 0, length);
            Assert.Contains("truncated", Assert.ThrowsAny<CapnpException>(() => MessageReader.ReadFramed(stream)).Message);
        }
        Assert.Null(MessageReader.ReadFramed(new MemoryStream()));
    }

    [Fact]
    public void StructPointerOutsideItsSegmentNamesThePosition()
    {
        var m = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(1000, 1, 0), 0]));
        var e = Throws<CapnpException>(() => m.GetRoot());
        Assert.Equal((0, 0L), (e.Segment, e.Word));
        Assert.Equal("struct pointer at segment 0 word 0 points outside its segment (target segment 0 word 1001, 1 words, segment has 2 words)", e.Message);
        var negative = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 1, 1), 0, Raw.List(-10, ElementSize.Byte, 3)]));
        e = Throws<CapnpException>(() => negative.Root.ReadData(0));
        Assert.Equal((0, 2L), (e.Segment, e.Word));
        Assert.Contains("data pointer at segment 0 word 2 points outside its segment", e.Message);
    }

    [Fact]
    public void ListBodyOverrunningItsSegmentIsRejected()
    {
        var m = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.EightBytes, 5), 1, 2]));
        Assert.Contains("list pointer at segment 0 word 1 points outside", Throws<CapnpException>(() => m.Root.ReadList(0)).Message);
        // Inline-composite tag claiming more elements than the word count holds.
        var tag = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.InlineComposite, 2), Raw.Struct(5, 1, 0), 1, 2]));
        Assert.Contains("overrun its 2 words", Throws<CapnpException>(() => tag.Root.ReadList(0)).Message);
    }

    [Fact]
    public void FarPointerFailuresAreRejected()
    {
        // Far pointer naming a segment that does not exist.
        var missing = MessageReader.ReadFramed(Raw.Framed([Raw.Far(false, 0, 7)]));
        Assert.Contains("names segment 7, but the message has 1 segments", Throws<CapnpException>(() => missing.GetRoot()).Message);
        // Landing pad outside the target segment.
        var outside = MessageReader.ReadFramed(Raw.Framed([Raw.Far(false, 9, 1)], [0]));
        Assert.Contains("points outside segment 1", Throws<CapnpException>(() => outside.GetRoot()).Message);
        // A loop: each landing pad is a far pointer back to the other segment.
        var loop = MessageReader.ReadFramed(Raw.Framed([Raw.Far(false, 0, 1)], [Raw.Far(false, 0, 0)]));
        var e = Throws<CapnpException>(() => loop.GetRoot());
        Assert.Contains("lands on another far pointer", e.Message);
        Assert.Equal((1, 0L), (e.Segment, e.Word));
        // Double-far whose pad starts with another double-far pointer.
        var doubleDouble = MessageReader.ReadFramed(Raw.Framed([Raw.Far(true, 0, 1)], [Raw.Far(true, 0, 0), Raw.Struct(0, 0, 0)]));
        Assert.Contains("must start with a single far pointer", Throws<CapnpException>(() => doubleDouble.GetRoot()).Message);
        // Double-far whose tag is itself far.
        var farTag = MessageReader.ReadFramed(Raw.Framed([Raw.Far(true, 0, 1)], [Raw.Far(false, 0, 0), Raw.Far(false, 0, 0)]));
        Assert.Contains("has a far pointer as its tag", Throws<CapnpException>(() => farTag.GetRoot()).Message);
    }

    [Fact]
    public void ZeroSizedElementsCannotAmplifyWork()
    {
        // 2^29-1 zero-sized structs in zero words, and a void list of 2^29-1 elements: each counts one word.
        var structs = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.InlineComposite, 0), Raw.Struct((1 << 29) - 1, 0, 0)]));
        var e = Throws<CapnpLimitException>(() => structs.Root.ReadList(0));
        Assert.Equal("TraversalLimitInWords", e.Limit);
        var voids = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.Void, (1 << 29) - 1)]));
        Assert.Equal("TraversalLimitInWords", Throws<CapnpLimitException>(() => voids.Root.ReadList(0)).Limit);
        // Within the limit, a modest zero-sized list reads fine.
        var ok = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.Void, 1000)]));
        Assert.Equal(1000, ok.Root.ReadList(0).Count);
    }

    [Fact]
    public void SharedPointersExhaustTheTraversalBudget()
    {
        // 1000 pointers all at the same 1000-word list: a million words of work from an 16 KB message.
        var words = new ulong[2 + 1000 + 1000];
        words[0] = Raw.Struct(0, 0, 1);
        words[1] = Raw.List(0, ElementSize.Pointer, 1000);
        for (int i = 0; i < 1000; i++) words[2 + i] = Raw.List(999 - i, ElementSize.EightBytes, 1000);
        var m = MessageReader.ReadFramed(Raw.Framed(words), new ReaderOptions { TraversalLimitInWords = 100_000 });
        var e = Throws<CapnpLimitException>(() => MessageWalker.Walk(m));
        Assert.Equal("TraversalLimitInWords", e.Limit);
        Assert.Contains("exceeds TraversalLimitInWords 100000", e.Message);
        // Copying it cannot amplify memory either: the copy reads through the same budget.
        var again = MessageReader.ReadFramed(Raw.Framed(words), new ReaderOptions { TraversalLimitInWords = 100_000 });
        var copy = new MessageBuilder();
        Assert.Equal("TraversalLimitInWords", Throws<CapnpLimitException>(() => copy.SetRoot(again.Root)).Limit);
        Assert.True(copy.TotalWords < 200_000, $"copy grew to {copy.TotalWords} words");
    }

    [Fact]
    public void CyclesAndDeepNestingHitTheNestingLimit()
    {
        // A struct whose only pointer points at itself.
        var cycle = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.Struct(-1, 0, 1)]));
        var e = Throws<CapnpLimitException>(() => MessageWalker.Walk(cycle));
        Assert.Equal("NestingLimit", e.Limit);
        Assert.Equal((0, 1L), (e.Segment, e.Word));
        // A list of lists nested 200 deep.
        var words = new ulong[201];
        words[0] = Raw.List(0, ElementSize.Pointer, 1);
        for (int i = 1; i < 200; i++) words[i] = Raw.List(0, ElementSize.Pointer, 1);
        var deep = MessageReader.ReadFramed(Raw.Framed(words));
        Assert.Equal("NestingLimit", Throws<CapnpLimitException>(() => MessageWalker.Walk(deep)).Limit);
        // A chain of 100 distinct nested structs, and the recursive consumers: copy and canonicalize refuse too.
        var chain = new ulong[101];
        for (int i = 0; i < 100; i++) chain[i] = Raw.Struct(0, 0, 1);
        var nested = MessageReader.ReadFramed(Raw.Framed(chain));
        Assert.Equal("NestingLimit", Throws<CapnpLimitException>(() => MessageWalker.Walk(nested)).Limit);
        Assert.Equal("NestingLimit", Throws<CapnpLimitException>(() => new MessageBuilder().SetRoot(cycle.Root)).Limit);
        Assert.Equal("NestingLimit", Throws<CapnpLimitException>(() => Canonical.Canonicalize(nested.Root)).Limit);
        // The limit is configurable: 250 levels admit the same message.
        var admitted = MessageReader.ReadFramed(Raw.Framed(words), new ReaderOptions { NestingLimit = 250 });
        MessageWalker.Walk(admitted);
    }

    [Fact]
    public void HugeSegmentTablesAreRefusedBeforeAllocating()
    {
        byte[] count = Raw.Table(uint.MaxValue, 1);
        var e = Throws<CapnpLimitException>(() => MessageReader.ReadFramed(count));
        Assert.Equal("SegmentCountLimit", e.Limit);
        Assert.True(AllocatedBy(() => Assert.Throws<CapnpLimitException>(() => MessageReader.ReadFramed(new MemoryStream(count)))) < 10_000);
        byte[] size = Raw.Table(0, uint.MaxValue);
        Assert.Equal("MessageSizeLimitInWords", Throws<CapnpLimitException>(() => MessageReader.ReadFramed(new MemoryStream(size))).Limit);
        Assert.Equal("MessageSizeLimitInWords", Throws<CapnpLimitException>(() => MessageReader.ReadFramed(size)).Limit);
        // Within the limits but absent: 8 Mi words claimed, 16 bytes sent. Only the first chunk is allocated.
        byte[] claimed = [.. Raw.Table(0, 8 * 1024 * 1024), .. new byte[16]];
        long allocated = AllocatedBy(() =>
            Assert.Contains("truncated", Assert.ThrowsAny<CapnpException>(() => MessageReader.ReadFramed(new MemoryStream(claimed))).Message));
        Assert.True(allocated < 200_000, $"allocated {allocated} bytes for a 24-byte input");
    }

    [Fact]
    public void TextMustBeNulTerminatedBytes()
    {
        var noNul = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.Byte, 3), 0x636261]));
        Assert.Contains("not NUL-terminated", Throws<CapnpException>(() => noNul.Root.ReadText(0)).Message);
        Assert.Equal("abc", System.Text.Encoding.ASCII.GetString(noNul.Root.ReadData(0)));
        var empty = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.Byte, 0)]));
        Assert.Contains("not NUL-terminated", Throws<CapnpException>(() => empty.Root.ReadTextSpan(0)).Message);
        var wide = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.TwoBytes, 2), 0x61]));
        Assert.Contains("element size TwoBytes, expected Byte", Throws<CapnpException>(() => wide.Root.ReadText(0)).Message);
        var structForText = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.Struct(0, 1, 0), 0x61]));
        Assert.Contains("expected a text (list) pointer", Throws<CapnpException>(() => structForText.Root.ReadText(0)).Message);
    }

    [Fact]
    public void PackedInputIsBoundedAndChecked()
    {
        // 0x00 tag with a 255-word run, repeated: 2 bytes expand to 2 KiB each.
        byte[] bomb = Enumerable.Repeat(new byte[] { 0, 255 }, 10_000).SelectMany(b => b).ToArray();
        Assert.Equal("maxOutputBytes", Throws<CapnpLimitException>(() => Packing.Unpack(bomb, 1 << 20)).Limit);
        Assert.Contains("truncated", Throws<CapnpException>(() => Packing.Unpack([0xFF, 1, 2, 3], 1 << 20)).Message);
        Assert.Contains("truncated", Throws<CapnpException>(() => Packing.Unpack([0x00], 1 << 20)).Message);
        Assert.Contains("truncated", Throws<CapnpException>(() => MessageReader.ReadPacked(new MemoryStream([0x01, 0x05, 0x03, 0x01]))).Message);
    }

    [Fact]
    public void IncompatibleListReadsAreRejectedAndUpgradesFollowTheSpec()
    {
        var b = new MessageBuilder();
        var root = b.InitRoot(0, 4);
        var structs = root.InitStructList(0, 2, 1, 1);
        structs.GetStruct(0).WriteUInt32(0, 11); structs.GetStruct(1).WriteUInt32(0, 22);
        structs.GetStruct(1).SetText(0, "t");
        var u16 = root.InitList(1, ElementSize.TwoBytes, 2);
        u16.SetUInt16(0, 0x1234); u16.SetUInt16(1, 0xFFFF);
        root.InitList(2, ElementSize.Bit, 3).SetBool(1, true);
        root.InitList(3, ElementSize.Pointer, 2).SetText(1, "p");
        var r = MessageReader.ReadFramed(b.ToFramedArray()).Root;
        // Struct list read as a primitive list: the first field of each element.
        Assert.Equal(22u, r.ReadList(0).GetUInt32(1));
        Assert.Equal(22, r.ReadList(0).GetUInt8(1));
        Assert.Equal("t", r.ReadList(0).GetText(1));
        // Primitive list read as a struct list: one-field structs, other fields default.
        var upgraded = r.ReadList(1).GetStruct(1);
        Assert.Equal((0xFFFF, 0u, 2), ((int)upgraded.ReadUInt16(0), upgraded.ReadUInt32(0), upgraded.DataSizeBytes));
        // Narrower element than asked, bool of a struct list, struct of a bit list, pointer of a data list.
        Assert.Contains("cannot be read as 32-bit primitive", Throws<CapnpException>(() => r.ReadList(1).GetUInt32(0)).Message);
        Assert.Contains("cannot be read as bool", Throws<CapnpException>(() => r.ReadList(0).GetBool(0)).Message);
        Assert.Contains("cannot be read as struct", Throws<CapnpException>(() => r.ReadList(2).GetStruct(0)).Message);
        Assert.Contains("cannot be read as pointer", Throws<CapnpException>(() => r.ReadList(1).GetText(0)).Message);
        Assert.True(r.ReadList(2).GetBool(1));
        // Pointer list read as a struct list: structs of no data and one pointer.
        var pointerStruct = r.ReadList(3).GetStruct(1);
        Assert.Equal((0, 1, "p"), (pointerStruct.DataWords, pointerStruct.PointerCount, pointerStruct.ReadText(0)));
        Assert.Contains("cannot be read as 8-bit primitive", Throws<CapnpException>(() => r.ReadList(3).GetUInt8(0)).Message);
    }

    [Fact]
    public void CapabilityPointersReadAsNull()
    {
        ulong capability = 3 | (5UL << 32);
        var m = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), capability]));
        Assert.Equal(PointerKind.Capability, m.Root.ReadAnyPointer(0).Kind);
        Assert.True(m.Root.ReadStruct(0).IsNull);
        Assert.Equal(0, m.Root.ReadList(0).Count);
        Assert.Equal("", m.Root.ReadText(0));
        var unknown = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), 7]));
        Assert.Contains("unknown kind", Throws<CapnpException>(() => MessageWalker.Walk(unknown)).Message);
    }

    [Fact]
    public void MalformedSegmentsAndRootsAreRejected()
    {
        Assert.Contains("not a whole number of 8-byte words",
            Throws<CapnpException>(() => MessageReader.FromSegments([new byte[12]])).Message);
        var empty = MessageReader.ReadFramed(Raw.Framed(Array.Empty<ulong>()));
        Assert.Contains("has no root pointer", Throws<CapnpException>(() => empty.GetRoot()).Message);
        var listRoot = MessageReader.ReadFramed(Raw.Framed([Raw.List(0, ElementSize.Byte, 2), 0x4142]));
        Assert.Contains("expected a struct pointer at segment 0 word 0, found a list pointer", Throws<CapnpException>(() => listRoot.GetRoot()).Message);
        Assert.Equal(2, listRoot.RootPointer.AsList().Count);
    }

    [Fact]
    public void BadTagsAndFarTargetsAreRejected()
    {
        var listTag = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.InlineComposite, 1), Raw.List(0, ElementSize.Byte, 1), 0]));
        var e = Throws<CapnpException>(() => listTag.Root.ReadList(0));
        Assert.Contains("is a list pointer, not a struct tag", e.Message);
        Assert.Equal((0, 2L), (e.Segment, e.Word));
        var contentSegment = MessageReader.ReadFramed(Raw.Framed([Raw.Far(true, 0, 1)], [Raw.Far(false, 0, 9), Raw.Struct(0, 1, 0)]));
        Assert.Contains("double-far landing pad at segment 1 word 0 names segment 9", Throws<CapnpException>(() => contentSegment.GetRoot()).Message);
        var contentOutside = MessageReader.ReadFramed(Raw.Framed([Raw.Far(true, 0, 1)], [Raw.Far(false, 5, 0), Raw.Struct(0, 1, 0)]));
        Assert.Contains("points outside its segment", Throws<CapnpException>(() => contentOutside.GetRoot()).Message);
        // A valid double-far to text in a third segment reads normally.
        var valid = MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.Far(true, 0, 1)], [Raw.Far(false, 0, 2), Raw.List(0, ElementSize.Byte, 3)], [0x006968]));
        Assert.Equal("hi", valid.Root.ReadText(0));
        // Packed input held in memory is bounded by the reader's size limits.
        byte[] bomb = [0x11, 0x00, 0x01, 0xFF, 0x00, .. Enumerable.Repeat(new byte[] { 0, 255 }, 200_000).SelectMany(b => b)];
        Assert.Equal("maxOutputBytes", Throws<CapnpLimitException>(() => MessageReader.ReadPacked(bomb.AsSpan())).Limit);
    }
}
