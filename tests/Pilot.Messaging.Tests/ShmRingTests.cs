using Pilot.Messaging.PubSub.Shm;

namespace Pilot.Messaging.Tests;

/// <summary>The shared-memory ring itself, in one process: wrap-around, overrun, late join, conflation, restart, torn reads.</summary>
public sealed class ShmRingTests : IDisposable
{
    private const long Small = 4096;        // the smallest ring: a few laps take a few dozen messages
    private const int SmallLimit = 1024;    // a quarter of it
    private readonly string _path = Path.Combine(Bus.SharedMemoryDir, $"ringtest-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_path);

    /// <summary>A message whose every byte says which one it is: bytes 0..7 its number, the rest (byte)number.</summary>
    private static byte[] Message(ulong n, int length)
    {
        var m = new byte[Math.Max(8, length)];
        m.AsSpan(8).Fill((byte)n);
        BitConverter.TryWriteBytes(m, n);
        return m;
    }

    private static ulong Number(ReadOnlySpan<byte> m)
    {
        ulong n = BitConverter.ToUInt64(m);
        for (int i = 8; i < m.Length; i++) Assert.True(m[i] == (byte)n, $"message {n} byte {i} is {m[i]}: a torn read got through");
        return n;
    }

    private static List<ulong> ReadAll(ShmRing ring, ref RingCursor cursor, bool newest = false)
    {
        var got = new List<ulong>();
        byte[] buffer = new byte[16];
        while (ring.TryRead(ref cursor, ref buffer, newest, out int length)) got.Add(Number(buffer.AsSpan(0, length)));
        return got;
    }

    [Fact]
    public void ReaderKeepingUpSeesEveryMessageAcrossManyLaps()
    {
        using var ring = ShmRing.Create(_path, Small, SmallLimit);
        using var reader = ShmRing.OpenOrCreate(_path, Small, SmallLimit);
        var cursor = reader.JoinAtEnd();
        var all = new List<ulong>();
        var sizes = new[] { 8, 13, 100, 700, 1024, 33, 512 };   // uneven sizes: records land at every kind of distance from the end
        for (ulong n = 0; n < 300; n++)
        {
            ring.Write(Message(n, sizes[n % (ulong)sizes.Length]));
            if (n % 3 == 2) all.AddRange(ReadAll(reader, ref cursor));
        }
        all.AddRange(ReadAll(reader, ref cursor));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (ulong)i), all);
        Assert.Equal(0, cursor.Dropped);
        Assert.True(cursor.Position > 20 * (ulong)Small, "300 messages of ~400 B must have wrapped a 4 KB ring many times");
    }

    [Fact]
    public void OverrunReaderSkipsToTheNewestAndCountsWhatItLost()
    {
        using var ring = ShmRing.Create(_path, Small, SmallLimit);
        var cursor = ring.JoinAtEnd();
        ring.Write(Message(0, 100));
        Assert.Equal([0UL], ReadAll(ring, ref cursor));
        for (ulong n = 1; n <= 100; n++) ring.Write(Message(n, 100));   // 100 × 128 B: three laps past the reader
        Assert.Equal([100UL], ReadAll(ring, ref cursor));
        Assert.Equal(99, cursor.Dropped);
        ring.Write(Message(101, 100));
        Assert.Equal([101UL], ReadAll(ring, ref cursor));
        Assert.Equal(99, cursor.Dropped);
    }

    [Fact]
    public void LateJoinerSeesOnlyLaterMessagesAndConflatingReaderOnlyTheNewest()
    {
        using var ring = ShmRing.Create(_path, Small, SmallLimit);
        var early = ring.JoinAtEnd();
        for (ulong n = 0; n < 5; n++) ring.Write(Message(n, 50));
        var late = ring.JoinAtEnd();
        var conflating = ring.JoinAtEnd();
        for (ulong n = 5; n < 8; n++) ring.Write(Message(n, 50));
        Assert.Equal([5UL, 6UL, 7UL], ReadAll(ring, ref late));
        Assert.Equal([7UL], ReadAll(ring, ref conflating, newest: true));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (ulong)i), ReadAll(ring, ref early));
        Assert.Equal(0, conflating.Dropped);
    }

    [Fact]
    public void ACopyOverwrittenBeforeItIsCheckedIsDetectedAndNeverReturned()
    {
        using var ring = ShmRing.Create(_path, Small, SmallLimit);
        var cursor = ring.JoinAtEnd();
        ulong pos = cursor.Position;
        ring.Write(Message(1, 200));
        // The reader copies the record, then is descheduled while the writer laps the ring over it.
        byte[] copy = new byte[16];
        Assert.Equal(1, ring.CopyRecord(pos, ref copy, out ulong sequence, out int length));
        Assert.True(ring.IsIntact(pos));
        for (ulong n = 2; n < 40; n++) ring.Write(Message(n, 200));
        Assert.False(ring.IsIntact(pos), "the check after the copy must see that the writer passed over the record");
        // Copying again now yields other bytes: this is what the check protects against.
        byte[] again = new byte[16];
        ring.CopyRecord(pos, ref again, out ulong sequenceNow, out int lengthNow);
        Assert.False(sequenceNow == sequence && again.AsSpan(0, lengthNow).SequenceEqual(copy.AsSpan(0, length)));
        // The reader's read refuses the stale position and hands out the newest message, counting the loss.
        Assert.Equal([39UL], ReadAll(ring, ref cursor));
        Assert.Equal(38, cursor.Dropped);
    }

    [Fact]
    public void ConcurrentWriterNeverHandsATornMessageToAReader()
    {
        using var ring = ShmRing.Create(_path, Small, SmallLimit);
        using var reader = ShmRing.OpenOrCreate(_path, Small, SmallLimit);
        const ulong Total = 200_000;
        var cursor = reader.JoinAtEnd();
        var writer = new Thread(() =>
        {
            var m = new byte[SmallLimit];
            for (ulong n = 1; n <= Total; n++)
            {
                int length = 8 + (int)(n * 7919 % (SmallLimit - 8));
                m.AsSpan(8, length - 8).Fill((byte)n);
                BitConverter.TryWriteBytes(m, n);
                ring.Write(m.AsSpan(0, length));
            }
        });
        writer.Start();
        byte[] buffer = new byte[16];
        ulong last = 0, received = 0;
        while (last < Total)
        {
            if (!reader.TryRead(ref cursor, ref buffer, false, out int length)) { Thread.SpinWait(20); continue; }
            ulong n = Number(buffer.AsSpan(0, length));   // checks every byte
            Assert.True(n > last, $"message {n} after {last}");
            last = n;
            received++;
        }
        writer.Join();
        Assert.Equal(Total, received + (ulong)cursor.Dropped);
    }

    [Fact]
    public void RestartedWriterRetiresTheOldRingAndReadersOpeningThePathFindTheNewOne()
    {
        using var reader = ShmRing.OpenOrCreate(_path, Small, SmallLimit);   // a reader may come first: it makes an empty ring
        var first = ShmRing.Create(_path, Small, SmallLimit);
        Assert.True(reader.Retired, "the reader's ring was replaced by the writer's");
        first.Write(Message(1, 10));
        first.Dispose();   // the writer dies; its ring stays
        using var following = ShmRing.OpenOrCreate(_path, Small, SmallLimit);
        var cursor = following.JoinAtEnd();
        bool replaced = false;
        using var second = ShmRing.Create(_path, Small, SmallLimit, () => replaced = true);
        Assert.True(replaced && following.Retired);
        second.Write(Message(2, 10));
        using var reopened = ShmRing.OpenOrCreate(_path, Small, SmallLimit);
        var fromStart = new RingCursor();
        Assert.Equal([2UL], ReadAll(reopened, ref fromStart));
        Assert.Empty(ReadAll(following, ref cursor));
    }

    [Fact]
    public void MessagesOverTheLimitAndBadGeometriesAreRefused()
    {
        using var ring = ShmRing.Create(_path, Small, SmallLimit);
        ring.Write(new byte[SmallLimit]);
        var e = Assert.Throws<ArgumentException>(() => ring.Write(new byte[SmallLimit + 1]));
        Assert.Contains("MaxMessageBytes (1024)", e.Message);
        Assert.Contains("1025 bytes", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShmRing.Create(_path + "x", 5000, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShmRing.Create(_path + "x", Small, (int)Small / 2));
        File.WriteAllBytes(_path + "y", new byte[8192]);
        try { Assert.Contains("bad magic", Assert.Throws<InvalidDataException>(() => ShmRing.OpenOrCreate(_path + "y", Small, SmallLimit)).Message); }
        finally { File.Delete(_path + "y"); }
    }
}
