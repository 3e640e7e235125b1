namespace Pilot.Capnp.Tests;

/// <summary>Field reads and rebuilds run without allocating.</summary>
public class AllocationTests
{
    private static ulong ReadAll(StructReader s)
    {
        ulong sum = s.ReadUInt8(0) + (ulong)s.ReadInt16(1) + s.ReadUInt32(1) + (ulong)s.ReadInt64(1) + s.ReadUInt64(4);
        sum += (ulong)s.ReadFloat32(4) + (ulong)s.ReadFloat64(3, 7.0) + (s.ReadBool(160) ? 1UL : 0) + s.ReadUInt16(11);
        sum += (ulong)s.ReadTextSpan(0).Length + (ulong)s.ReadData(1).Length + (ulong)s.ReadStruct(2).ReadInt32(0);
        sum += (ulong)s.ReadStruct(2).ReadTextSpan(0).Length;
        var floats = s.ReadList(3);
        for (int i = 0; i < floats.Count; i++) sum += (ulong)floats.GetFloat32(i);
        var inners = s.ReadList(4);
        for (int i = 0; i < inners.Count; i++) sum += (ulong)inners.GetStruct(i).ReadInt32(0);
        var nested = s.ReadList(6);
        for (int i = 0; i < nested.Count; i++) sum += (ulong)nested.GetList(i).Count;
        sum += (ulong)s.ReadList(7).GetTextSpan(2).Length + (ulong)s.ReadAnyPointer(12).Kind;
        return sum;
    }

    [Fact]
    public void ReadingFieldsAllocatesNothing()
    {
        byte[] framed = OracleTests.BuildSample(new MessageBuilder(1, 2)).ToFramedArray();   // far pointers too
        var reader = new MessageReader();
        reader.Load(framed);
        ulong expected = ReadAll(reader.Root);   // warm-up: JIT and tiering
        int mismatches = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            reader.Load(framed);
            if (ReadAll(reader.Root) != expected) mismatches++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void RebuildingAfterResetAllocatesNothing()
    {
        var builder = new MessageBuilder(64);
        var buffer = new byte[4096];
        OracleTests.BuildSample(builder);
        int length = builder.WriteFramed(buffer);
        int mismatches = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            builder.Reset();
            OracleTests.BuildSample(builder);
            if (builder.WriteFramed(buffer) != length) mismatches++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(0, mismatches);
        OracleTests.AssertSample(MessageReader.ReadFramed(buffer.AsMemory(0, length)).Root);
    }
}
