namespace Pilot.Capnp.Tests;

/// <summary>
/// Deterministic mutation fuzzing on every run: seeded corruptions of valid messages (bit flips, random bytes,
/// pointer-shaped words, truncation, segment-table edits) are read, walked, copied and canonicalized. Only
/// <see cref="CapnpException"/> may escape, and no single input may allocate without bound.
/// </summary>
public class FuzzTests
{
    private const int Mutations = 20_000;
    private const long AllocationBoundBytes = 8 << 20;   // per input; the messages are < 2 KB

    private static readonly ReaderOptions Options = new() { TraversalLimitInWords = 1 << 16 };

    private static List<byte[]> Seeds() =>
    [
        OracleTests.BuildSample(new MessageBuilder()).ToFramedArray(),
        OracleTests.BuildSample(new MessageBuilder(1, 1)).ToFramedArray(),
        OracleTests.BuildSample(new MessageBuilder(1, 2)).ToFramedArray(),
        OracleTests.BuildSample(new MessageBuilder(3, 4)).ToFramedArray(),
    ];

    [Fact]
    public void MutatedMessagesOnlyRaiseCapnpExceptions()
    {
        var seeds = Seeds();
        var random = new Random(20261123);
        var reused = new MessageReader(Options);   // re-pointed at inputs of varying segment counts
        int rejected = 0;
        for (int n = 0; n < Mutations; n++)
        {
            byte[] input = Mutate(seeds[n % seeds.Count], random);
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                MessageReader m;
                switch (n % 3)
                {
                    case 0: m = MessageReader.ReadFramed(input, Options); break;
                    case 1: reused.Load(input); m = reused; break;
                    default: m = MessageReader.ReadFramed(new MemoryStream(input), Options) ?? throw new CapnpException("empty stream"); break;
                }
                MessageWalker.Walk(m);
                if (n % 4 == 0)
                {
                    m.ResetTraversalBudget();
                    var copy = new MessageBuilder();
                    copy.SetRoot(m.RootPointer);
                    m.ResetTraversalBudget();
                    if (m.RootPointer.Kind == PointerKind.Struct) Canonical.IsCanonical(m);
                }
            }
            catch (CapnpException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {n} escaped as {e.GetType().Name}: {e.Message}\n{Convert.ToHexString(input)}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationBoundBytes, $"mutation {n} allocated {allocated} bytes");
        }
        Assert.InRange(rejected, Mutations / 20, Mutations - Mutations / 20);   // the corpus exercises both paths
    }

    [Fact]
    public void MutatedPackedStreamsOnlyRaiseCapnpExceptions()
    {
        var random = new Random(7);
        var packedSeeds = Seeds().Select(s => Packing.Pack(s)).ToList();
        for (int n = 0; n < Mutations / 4; n++)
        {
            byte[] input = Mutate(packedSeeds[n % packedSeeds.Count], random);
            try
            {
                var m = MessageReader.ReadPacked(new MemoryStream(input), Options);
                if (m is not null) MessageWalker.Walk(m);
            }
            catch (CapnpException)
            {
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] input = (byte[])seed.Clone();
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits; e++)
        {
            switch (random.Next(6))
            {
                case 0:
                    int bit = random.Next(input.Length * 8);
                    input[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1:
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                    break;
                case 2:   // a pointer-shaped word: random kind, small offset, plausible sizes
                    int at = random.Next(input.Length / 8) * 8;
                    uint low = (uint)random.Next(4) | unchecked((uint)(random.Next(-64, 64) << 2));
                    uint high = (uint)random.Next(8) | ((uint)random.Next(1 << 12) << 3);
                    ulong w = low | ((ulong)high << 32);
                    BitConverter.TryWriteBytes(input.AsSpan(at), w);
                    break;
                case 3:
                    Array.Resize(ref input, random.Next(input.Length + 1));
                    break;
                case 4:   // segment table: count or a size
                    if (input.Length >= 8) BitConverter.TryWriteBytes(input.AsSpan(4 * random.Next(2)), (uint)random.Next(-2, 70));
                    break;
                default:  // copy a word over another (duplicated pointers, self references)
                    if (input.Length >= 16)
                        input.AsSpan(random.Next(input.Length / 8) * 8, 8).CopyTo(input.AsSpan(random.Next(input.Length / 8) * 8));
                    break;
            }
            if (input.Length == 0) break;
        }
        return input;
    }
}
