namespace Pilot.Capnp.Tests;

/// <summary>
/// The near-pointer fast paths of pointer resolution against the general path (which handles every pointer, near
/// or far, and every error): at every pointer of valid and corrupted messages both must give the same view or both
/// must refuse the input.
/// </summary>
public class FastPathTests
{
    private static readonly ReaderOptions Generous = new() { TraversalLimitInWords = 1 << 24 };

    private static string Describe(StructReader s) =>
        $"struct seg {s.Segment} data {s.DataStart}+{s.DataBytes} ptrs {s.PointerStart}x{s.Pointers} nest {s.Nesting}";

    private static string Describe(ListReader l) =>
        $"list seg {l.Segment} start {l.Start} n {l.Count} step {l.StepBits} data {l.DataBits} ptrs {l.PointersPerElement} {l.Size} nest {l.Nesting}";

    private static string Outcome(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (CapnpException e)
        {
            return "refused: " + e.GetType().Name;
        }
    }

    /// <summary>Compares both paths at pointer <paramref name="p"/> and its subtree; returns pointers compared.</summary>
    private static int Compare(AnyPointerReader p, int depth)
    {
        if (p.Message is null || depth > 40) return 0;
        var m = p.Message;
        ulong word = BitConverter.ToUInt64(m.Segments[p.Segment].Array, p.PointerByte);
        if (word == 0) return 0;
        Assert.Equal(
            Outcome(() => Describe(PointerResolution.ReadStructSlow(m, p.Segment, p.PointerByte, word, p.Nesting))),
            Outcome(() => Describe(PointerResolution.ReadStruct(m, p.Segment, p.PointerByte, p.Nesting))));
        Assert.Equal(
            Outcome(() => Describe(PointerResolution.ReadListSlow(m, p.Segment, p.PointerByte, word, p.Nesting))),
            Outcome(() => Describe(PointerResolution.ReadList(m, p.Segment, p.PointerByte, p.Nesting))));
        foreach (bool text in new[] { true, false })
            Assert.Equal(
                Outcome(() => Convert.ToHexString(PointerResolution.ReadBytesSlow(m, p.Segment, p.PointerByte, word, text))),
                Outcome(() => Convert.ToHexString(PointerResolution.ReadBytes(m, p.Segment, p.PointerByte, text))));
        int compared = 1;
        try
        {
            switch (p.Kind)
            {
                case PointerKind.Struct:
                    var s = p.AsStruct();
                    for (int i = 0; i < s.PointerCount; i++) compared += Compare(s.ReadAnyPointer(i), depth + 1);
                    break;
                case PointerKind.List:
                    var l = p.AsList();
                    for (int i = 0; i < Math.Min(l.Count, 64); i++)
                    {
                        if (l.ElementSize == ElementSize.Pointer) compared += Compare(l.GetAnyPointer(i), depth + 1);
                        if (l.ElementSize != ElementSize.InlineComposite) continue;
                        var e = l.GetStruct(i);
                        for (int k = 0; k < e.PointerCount; k++) compared += Compare(e.ReadAnyPointer(k), depth + 1);
                    }
                    break;
            }
        }
        catch (CapnpException)
        {
        }
        return compared;
    }

    [Fact]
    public void FastAndGeneralPathsAgreeOnValidMessages()
    {
        int compared = 0;
        foreach (var (first, max) in new (int, int?)[] { (1024, null), (1, 1), (1, 2), (3, 5) })
        {
            var m = MessageReader.ReadFramed(OracleTests.BuildSample(new MessageBuilder(first, max)).ToFramedArray(), Generous);
            compared += Compare(m.RootPointer, 0);
        }
        Assert.True(compared > 80, $"compared {compared} pointers");
    }

    [Fact]
    public void FastAndGeneralPathsAgreeOnCorruptedMessages()
    {
        byte[] seed = OracleTests.BuildSample(new MessageBuilder()).ToFramedArray();
        var random = new Random(99);
        for (int n = 0; n < 2000; n++)
        {
            byte[] input = (byte[])seed.Clone();
            int at = 8 + random.Next((input.Length - 8) / 8) * 8;
            input[at + random.Next(8)] ^= (byte)(1 << random.Next(8));
            Compare(MessageReader.ReadFramed(input, Generous).RootPointer, 0);
        }
    }
}
