using Pilot.Capnp;

namespace Pilot.Capnp.Tests;

public class RoundTripTests
{
    /// <summary>Builds a struct with every primitive width, bools, defaults, text, data, nested struct and lists.</summary>
    internal static MessageBuilder BuildSample(MessageBuilder? builder = null)
    {
        var b = builder ?? new MessageBuilder();
        var root = b.InitRoot(4, 6);
        root.WriteUInt8(0, 0xAB);
        root.WriteInt8(1, -5);
        root.WriteInt16(1, -1234);
        root.WriteUInt32(1, 0xDEADBEEF);
        root.WriteInt64(1, -9_000_000_000L);
        root.WriteFloat32(4, 1.5f);
        root.WriteFloat64(3, 2.25, defaultValue: 7.0);
        root.WriteBool(160, true);
        root.WriteBool(161, false, defaultValue: true);
        root.SetText(0, "héllo");
        root.SetData(1, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var child = root.InitStruct(2, 1, 1);
        child.WriteInt32(0, 42);
        child.SetText(0, "child");
        var floats = root.InitList(3, ElementSize.FourBytes, 3);
        floats.SetFloat32(0, 0.5f); floats.SetFloat32(1, -1f); floats.SetFloat32(2, 3e8f);
        var structs = root.InitStructList(4, 2, 1, 1);
        structs.GetStruct(0).WriteUInt16(0, 7);
        structs.GetStruct(1).SetText(0, "second");
        var lists = root.InitList(5, ElementSize.Pointer, 2);
        var bits = lists.InitList(0, ElementSize.Bit, 10);
        bits.SetBool(3, true); bits.SetBool(9, true);
        lists.InitList(1, ElementSize.EightBytes, 1).SetInt64(0, long.MinValue);
        return b;
    }

    internal static void AssertSample(StructReader root)
    {
        Assert.Equal(0xAB, root.ReadUInt8(0));
        Assert.Equal(-5, root.ReadInt8(1));
        Assert.Equal(-1234, root.ReadInt16(1));
        Assert.Equal(0xDEADBEEFu, root.ReadUInt32(1));
        Assert.Equal(-9_000_000_000L, root.ReadInt64(1));
        Assert.Equal(1.5f, root.ReadFloat32(4));
        Assert.Equal(2.25, root.ReadFloat64(3, 7.0));
        Assert.True(root.ReadBool(160));
        Assert.False(root.ReadBool(161, true));
        Assert.Equal("héllo", root.ReadText(0));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, root.ReadData(1).ToArray());
        var child = root.ReadStruct(2);
        Assert.Equal(42, child.ReadInt32(0));
        Assert.Equal("child", child.ReadText(0));
        var floats = root.ReadList(3);
        Assert.Equal(new[] { 0.5f, -1f, 3e8f }, new[] { floats.GetFloat32(0), floats.GetFloat32(1), floats.GetFloat32(2) });
        var structs = root.ReadList(4);
        Assert.Equal(2, structs.Count);
        Assert.Equal(7, structs.GetStruct(0).ReadUInt16(0));
        Assert.Equal("second", structs.GetStruct(1).ReadText(0));
        var lists = root.ReadList(5);
        var bits = lists.GetList(0);
        Assert.Equal(10, bits.Count);
        for (int i = 0; i < 10; i++) Assert.Equal(i is 3 or 9, bits.GetBool(i));
        Assert.Equal(long.MinValue, lists.GetList(1).GetInt64(0));
    }

    [Theory]
    [InlineData(1024, null)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public void FramedRoundTrip(int first, int? max)
    {
        var b = BuildSample(new MessageBuilder(first, max));
        var framed = b.ToFramedArray();
        var reader = MessageReader.ReadFramed(framed);
        Assert.Equal(b.SegmentCount, reader.SegmentCount);
        AssertSample(reader.Root);
        AssertSample(b.GetRoot(4, 6).AsReader());
    }
}
