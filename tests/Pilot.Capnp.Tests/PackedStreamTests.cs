using System.Text;

namespace Pilot.Capnp.Tests;

/// <summary>Consecutive packed messages on one stream, as <c>capnp decode --packed</c> reads them.</summary>
public class PackedStreamTests
{
    /// <summary>A stream that claims no seeking and hands out one byte per read, so any read-ahead would lose data.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
        public override int Read(Span<byte> destination) => base.Read(destination[..Math.Min(destination.Length, 1)]);
        public bool AtEnd => Position == Length;
    }

    /// <summary>Three messages of different shapes: one with zero runs and a verbatim run, one multi-segment, one tiny.</summary>
    private static byte[] ThreePacked()
    {
        var stream = new MemoryStream();
        var first = new MessageBuilder();
        var root = first.InitRoot(2, 1);
        root.WriteInt64(0, -1);                               // a full word: verbatim run tag
        var list = root.InitList(0, ElementSize.EightBytes, 300);
        list.SetInt64(299, 0x0102030405060708);               // a long zero run before it
        first.WritePacked(stream);
        OracleTests.BuildSample(new MessageBuilder(1, 2)).WritePacked(stream);
        var third = new MessageBuilder();
        third.InitRoot(1, 0).WriteInt32(0, 3);
        third.WritePacked(stream);
        return stream.ToArray();
    }

    private static void AssertThree(Stream stream)
    {
        var first = MessageReader.ReadPacked(stream)!.Root;
        Assert.Equal(-1, first.ReadInt64(0));
        var list = first.ReadList(0);
        Assert.Equal(300, list.Count);
        Assert.Equal(0, list.GetInt64(298));
        Assert.Equal(0x0102030405060708, list.GetInt64(299));
        var second = MessageReader.ReadPacked(stream)!;
        Assert.True(second.SegmentCount > 5, $"expected many segments, got {second.SegmentCount}");
        OracleTests.AssertSample(second.Root);
        Assert.Equal(3, MessageReader.ReadPacked(stream)!.Root.ReadInt32(0));
        Assert.Null(MessageReader.ReadPacked(stream));
    }

    [Fact]
    public void ConsecutiveCallsReadEveryMessage() => AssertThree(new MemoryStream(ThreePacked()));

    [Fact]
    public void ConsecutiveCallsReadEveryMessageFromAOneByteStream()
    {
        var stream = new OneByteStream(ThreePacked());
        AssertThree(stream);
        Assert.True(stream.AtEnd);
    }

    [SkippableFact]
    public void ConsecutiveCallsReadWhatReferenceEncodesPacked()
    {
        string text = "(i32 = 1, text = \"one\", floats = [1, 2, 3])\n" +
                      "(i32 = 2, u16s = [" + string.Join(", ", Enumerable.Range(0, 2000)) + "])\n" +
                      "(i32 = 3, inner = (id = 33, name = \"three\"))\n";
        byte[] packed = CapnpTool.Run(Encoding.UTF8.GetBytes(text), "encode", "--packed", CapnpTool.Schema, "Sample");
        var stream = new OneByteStream(packed);
        var one = MessageReader.ReadPacked(stream)!.Root;
        Assert.Equal(1, one.ReadInt32(10, -100));
        Assert.Equal("one", one.ReadText(0));
        Assert.Equal(3f, one.ReadList(3).GetFloat32(2));
        var two = MessageReader.ReadPacked(stream)!.Root;
        Assert.Equal(2, two.ReadInt32(10, -100));
        var u16s = two.ReadList(8);
        Assert.Equal(2000, u16s.Count);
        for (int i = 0; i < u16s.Count; i++) Assert.Equal(i, u16s.GetUInt16(i));
        var three = MessageReader.ReadPacked(stream)!.Root;
        Assert.Equal(3, three.ReadInt32(10, -100));
        Assert.Equal(33, three.ReadStruct(2).ReadInt32(0));
        Assert.Equal("three", three.ReadStruct(2).ReadText(0));
        Assert.Null(MessageReader.ReadPacked(stream));
        Assert.True(stream.AtEnd);
    }

    [Fact]
    public void RunCrossingTheMessageBoundaryIsRefused()
    {
        // Table of one 1-word segment (tag 0x10, byte 0x01), then a zero word whose run claims two more zero words
        // beyond the message's last word.
        byte[] packed = [0x10, 0x01, 0x00, 0x02];
        var e = Assert.Throws<CapnpException>(() => MessageReader.ReadPacked(new MemoryStream(packed)));
        Assert.Contains("message boundary", e.Message);
        Assert.Contains("16 bytes past", e.Message);
    }
}
