using System.Text;

namespace Pilot.Capnp.Tests;

/// <summary>Messages larger than the first segment: segment sizes and far pointers byte-identical with <c>capnp encode</c>
/// (C++ MallocMessageBuilder growth, landing pad allocated next to the object).</summary>
public class SegmentGrowthTests
{
    private const int FloatCount = 3000, U16Count = 5000;

    /// <summary>Builds text, floats and u16s of Sample in pointer order, the order the reference's copy lays them out.</summary>
    private static MessageBuilder Build(MessageBuilder b)
    {
        var s = b.InitRoot(7, 15);
        s.WriteInt32(10, 7, -100);                            // i32
        s.SetText(0, "big");
        var floats = s.InitList(3, ElementSize.FourBytes, FloatCount);
        for (int i = 0; i < FloatCount; i++) floats.SetFloat32(i, i * 0.5f);
        var u16s = s.InitList(8, ElementSize.TwoBytes, U16Count);
        for (int i = 0; i < U16Count; i++) u16s.SetUInt16(i, (ushort)(i * 13));
        return b;
    }

    private static byte[] Text() => Encoding.UTF8.GetBytes(
        "(i32 = 7, text = \"big\", floats = [" +
        string.Join(", ", Enumerable.Range(0, FloatCount).Select(i => (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture))) +
        "], u16s = [" + string.Join(", ", Enumerable.Range(0, U16Count).Select(i => (ushort)(i * 13))) + "])\n");

    private static int[] SegmentWords(MessageBuilder b) => [.. b.GetSegments().Select(s => s.Length / 8)];

    [SkippableFact]
    public void GrowingSegmentsAreByteIdenticalWithReference()
    {
        byte[] reference = CapnpTool.Run(Text(), "encode", CapnpTool.Schema, "Sample");
        var built = Build(new MessageBuilder());
        // Root pointer + 22-word struct + "big" fill 24 of 1024 words; floats need 1500 + pad words, a new segment of
        // max(1501, 1024); u16s need 1250 + pad, a new segment of max(1251, 1024 + 1501).
        Assert.Equal([24, 1501, 1251], SegmentWords(built));
        Assert.Equal(reference, built.ToFramedArray());
        Assert.Equal(1024 + 1501 + 2525, built.Buffers.Take(built.SegmentCount).Sum(a => a.Length / 8));
    }

    [SkippableFact]
    public void FixedSizeSegmentsAreByteIdenticalWithReference()
    {
        byte[] reference = CapnpTool.Run(Text(), "encode", "--segment-size=20", CapnpTool.Schema, "Sample");
        var built = Build(new MessageBuilder(20, 20));
        Assert.Equal(reference, built.ToFramedArray());
        var packed = new MemoryStream();
        built.WritePacked(packed);
        Assert.Equal(CapnpTool.Run(Text(), "encode", "--packed", "--segment-size=20", CapnpTool.Schema, "Sample"), packed.ToArray());
    }

    [Fact]
    public void ObjectsLargerThanTheFirstSegmentTakeSingleFarPointers()
    {
        var b = new MessageBuilder(20, 20);
        b.InitRoot(1, 1).InitList(0, ElementSize.FourBytes, FloatCount);
        b.GetRoot(1, 1).InitList(0, ElementSize.EightBytes, FloatCount);   // replaces the first list
        // Each list lands in a segment of exactly its words + the landing pad; no two-word double-far pad segments.
        Assert.Equal([3, 1501, 3001], SegmentWords(b));
        Assert.Equal(FloatCount, b.AsReader().Root.ReadList(0).Count);
    }

    [Fact]
    public void ResetRebuildsTheSameSegments()
    {
        var b = Build(new MessageBuilder());
        byte[] first = b.ToFramedArray();
        b.Reset();
        Assert.Equal(first, Build(b).ToFramedArray());
    }
}
