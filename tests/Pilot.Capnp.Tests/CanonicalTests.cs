namespace Pilot.Capnp.Tests;

/// <summary>Canonical form without the reference tool (OracleTests compares with <c>capnp convert binary:canonical</c>).</summary>
public class CanonicalTests
{
    private static MessageReader Flat(byte[] words) => MessageReader.FromSegments([words]);

    [Fact]
    public void CanonicalizeIsIdempotentAndLayoutIndependent()
    {
        byte[] one = Canonical.Canonicalize(MessageReader.ReadFramed(OracleTests.BuildSample(new MessageBuilder()).ToFramedArray()).Root);
        byte[] many = Canonical.Canonicalize(MessageReader.ReadFramed(OracleTests.BuildSample(new MessageBuilder(1, 1)).ToFramedArray()).Root);
        Assert.Equal(one, many);
        Assert.True(Canonical.IsCanonical(Flat(one)));
        Assert.Equal(one, Canonical.Canonicalize(Flat(one).Root));
        OracleTests.AssertSample(Flat(one).Root);
    }

    [Fact]
    public void TruncatesSectionsAndStructLists()
    {
        var b = new MessageBuilder();
        var root = b.InitRoot(3, 3);
        root.WriteUInt32(0, 7);                 // only the first data word is non-zero
        root.SetText(0, "t");                   // pointers 1 and 2 stay null
        var r = MessageReader.ReadFramed(b.ToFramedArray()).Root;
        var c = Flat(Canonical.Canonicalize(r)).Root;
        Assert.Equal((1, 1), (c.DataWords, c.PointerCount));
        Assert.Equal((7u, "t"), (c.ReadUInt32(0), c.ReadText(0)));
        Assert.False(Canonical.IsCanonical(MessageReader.ReadFramed(b.ToFramedArray())));

        var withList = new MessageBuilder();
        var lr = withList.InitRoot(0, 1).InitStructList(0, 2, 2, 2);
        lr.GetStruct(1).WriteUInt16(0, 9);      // elements truncate to the largest: 1 data word, 0 pointers
        var canonicalList = Flat(Canonical.Canonicalize(MessageReader.ReadFramed(withList.ToFramedArray()).Root)).Root.ReadList(0);
        Assert.Equal((1, 0, 9), (canonicalList.StructDataWords, canonicalList.StructPointerCount, (int)canonicalList.GetStruct(1).ReadUInt16(0)));
    }

    [Fact]
    public void IsCanonicalRejectsOrderTruncationFarPointersAndLeftovers()
    {
        // Root (0 data, 2 pointers); two one-word structs, each holding 1: pre-order puts pointer 0's target first.
        ulong[] inOrder = [Raw.Struct(0, 0, 2), Raw.Struct(1, 1, 0), Raw.Struct(1, 1, 0), 1, 1];
        ulong[] swapped = [Raw.Struct(0, 0, 2), Raw.Struct(2, 1, 0), Raw.Struct(0, 1, 0), 1, 1];
        Assert.True(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed(inOrder))));
        Assert.False(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed(swapped))));
        Assert.False(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed([.. inOrder, 0]))));           // leftover word
        Assert.False(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 1, 0), 0]))));  // untruncated
        Assert.False(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed([Raw.Far(false, 0, 1)], [Raw.Struct(0, 1, 0), 5]))));
        Assert.False(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.Bit, 3), 0xF0]))));  // padding bits set
        Assert.True(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed([Raw.Struct(0, 0, 1), Raw.List(0, ElementSize.Bit, 3), 0x05]))));
        Assert.True(Canonical.IsCanonical(MessageReader.ReadFramed(Raw.Framed([Raw.Struct(-1, 0, 0)]))));  // empty root struct
    }
}
