using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Tests;

/// <summary>The resynchronising stream reader against garbage, truncation, corruption and arbitrary chunking.</summary>
public sealed class PacketReaderTests
{
    private static List<CanFrame> Frames(int count, int seed)
    {
        var random = new Random(seed);
        var frames = new List<CanFrame>();
        for (int i = 0; i < count; i++)
        {
            bool fd = random.Next(4) == 0;
            var data = new byte[fd ? Dlc.ToLength(random.Next(9, 16)) : random.Next(0, 9)];
            random.NextBytes(data);
            frames.Add(CanFrame.Create(random.Next(3), (uint)random.Next(0x800), data, fd: fd));
        }
        return frames;
    }

    private static byte[] Encode(IEnumerable<CanFrame> frames)
    {
        var stream = new List<byte>();
        var buffer = new byte[PacketWriter.MaxEncodedSize];
        foreach (var frame in frames) stream.AddRange(buffer[..PacketWriter.Write(frame, buffer)]);
        return [.. stream];
    }

    private static List<string> ReadAll(PacketReader reader, ReadOnlySpan<byte> bytes, int chunk = int.MaxValue, int outputSize = 64)
    {
        var result = new List<string>();
        var output = new CanFrame[outputSize];
        while (!bytes.IsEmpty)
        {
            var piece = bytes[..Math.Min(chunk, bytes.Length)];
            while (!piece.IsEmpty)
            {
                int n = reader.Read(piece, output, out int consumed);
                piece = piece[consumed..];
                bytes = bytes[consumed..];
                for (int i = 0; i < n; i++) result.Add(output[i].ToString());
            }
        }
        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(71)]
    [InlineData(4096)]
    public void AnyChunkingDeliversEveryFrameInOrder(int chunk)
    {
        var frames = Frames(300, 3);
        var reader = new PacketReader();
        Assert.Equal(frames.Select(f => f.ToString()), ReadAll(reader, Encode(frames), chunk, outputSize: 5));
        Assert.Equal(0, reader.Stats.Errors);
        Assert.Equal(300, reader.Stats.Frames);
    }

    [Fact]
    public void GarbageBetweenFramesIsDiscardedAndCounted()
    {
        var frames = Frames(50, 4);
        var random = new Random(4);
        var stream = new List<byte>();
        var buffer = new byte[PacketWriter.MaxEncodedSize];
        foreach (var frame in frames)
        {
            var garbage = new byte[random.Next(1, 40)];
            random.NextBytes(garbage);
            garbage[^1] = Cobs.Delimiter;  // garbage ends at a delimiter, as line noise eventually does
            stream.AddRange(garbage);
            stream.AddRange(buffer[..PacketWriter.Write(frame, buffer)]);
        }
        var reader = new PacketReader();
        Assert.Equal(frames.Select(f => f.ToString()), ReadAll(reader, stream.ToArray()));
        Assert.True(reader.Stats.Errors >= 40, $"{reader.Stats.Errors} garbage packets counted");
        Assert.True(reader.Stats.BytesDiscarded > 0);
    }

    [Fact]
    public void EverySingleBitFlipIsCaughtAndCostsAtMostTheFramesItTouches()
    {
        var frames = Frames(6, 5);
        var clean = Encode(frames);
        var expected = frames.Select(f => f.ToString()).ToHashSet();
        for (int position = 0; position < clean.Length; position++)
            for (int bit = 0; bit < 8; bit++)
            {
                var corrupt = (byte[])clean.Clone();
                corrupt[position] ^= (byte)(1 << bit);
                var reader = new PacketReader();
                var read = ReadAll(reader, corrupt);
                reader.Reset();  // end of the stream: a frame whose delimiter was hit is still pending, now dropped
                Assert.All(read, f => Assert.Contains(f, expected));  // never a corrupt frame
                Assert.True(read.Count >= frames.Count - 2, $"byte {position} bit {bit}: only {read.Count} frames survived");
                Assert.True(read.Count == frames.Count || reader.Stats.Errors > 0, $"byte {position} bit {bit}: frames lost without an error counted");
            }
    }

    [Fact]
    public void TruncatedFrameFromAnUnplugIsDroppedAndTheNextSessionReadsClean()
    {
        var frames = Frames(10, 6);
        var bytes = Encode(frames);
        var reader = new PacketReader();
        var first = ReadAll(reader, bytes.AsSpan(0, bytes.Length - 5));  // the last frame is cut short
        Assert.Equal(9, first.Count);
        reader.Reset();                                                  // reconnect
        Assert.Equal(1, reader.Stats.Framing);
        Assert.Equal(frames.Select(f => f.ToString()), ReadAll(reader, bytes));
        // Without a Reset the stale half-frame merges with the next frame: both lost, counted once, never delivered wrong.
        var merged = new PacketReader();
        var read = ReadAll(merged, [.. bytes.AsSpan(0, bytes.Length - 5), .. bytes]);
        Assert.Equal(18, read.Count);
        Assert.Equal(1, merged.Stats.Errors);
    }

    [Fact]
    public void OversizedRunsAndIdleDelimitersAreHandled()
    {
        var reader = new PacketReader();
        var noise = Enumerable.Repeat((byte)0x42, 500).Append(Cobs.Delimiter).Prepend(Cobs.Delimiter).Prepend(Cobs.Delimiter).ToArray();
        var frames = Frames(3, 7);
        Assert.Equal(3, ReadAll(reader, [.. noise, .. Encode(frames)]).Count);
        Assert.Equal(1, reader.Stats.Oversize);
        Assert.Equal(1, reader.Stats.Errors);  // the idle delimiters are not errors
    }

    [Fact]
    public void UnknownDlcAndBadChecksumInsideValidFramingAreCounted()
    {
        Span<byte> packet = stackalloc byte[Packet.MaxSize];
        var frame = CanFrame.Create(0, 0x100, [1, 2, 3, 4, 5, 6, 7, 8]);
        int size = Packet.Write(frame, packet);
        var badDlc = packet[..size].ToArray();
        badDlc[0] = (byte)((badDlc[0] & 0x0F) | (12 << 4));
        var badSum = packet[..size].ToArray();
        badSum[7] ^= 1;
        var stream = new List<byte>();
        foreach (var p in new[] { badDlc, badSum })
        {
            var enc = new byte[Cobs.MaxEncodedLength(p.Length) + 1];
            int n = Cobs.Encode(p, enc);
            stream.AddRange(enc[..n]);
            stream.Add(0);
        }
        stream.AddRange(Encode([frame]));
        var reader = new PacketReader();
        Assert.Single(ReadAll(reader, stream.ToArray()));
        Assert.Equal(1, reader.Stats.UnknownDlc);
        Assert.Equal(1, reader.Stats.BadChecksum);
    }

    [Fact]
    public void RandomStreamsNeverCrashTheReader()
    {
        var random = new Random(8);
        var reader = new PacketReader();
        var output = new CanFrame[16];
        var bytes = new byte[4096];
        for (int i = 0; i < 500; i++)
        {
            random.NextBytes(bytes);
            ReadOnlySpan<byte> input = bytes;
            while (!input.IsEmpty)
            {
                reader.Read(input, output, out int consumed);
                input = input[consumed..];
            }
        }
        Assert.True(reader.Stats.Errors > 1000);
    }
}
