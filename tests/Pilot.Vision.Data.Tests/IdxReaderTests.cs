using System.Buffers.Binary;
using System.IO.Compression;
using Pilot.Vision.Data.Idx;

namespace Pilot.Vision.Data.Tests;

public class IdxReaderTests
{
    private static byte[] Idx(int[] shape, byte[] data, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * shape.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)shape.Length;
        for (int d = 0; d < shape.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), shape[d]);
        data.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(raw);
        return output.ToArray();
    }

    [Fact]
    public void ReadsRawAndGzipFilesToTheSameArray()
    {
        using var dir = new TempDir();
        byte[] data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray();
        byte[] raw = Idx([2, 3, 4], data);
        File.WriteAllBytes(dir.File("a-idx3-ubyte"), raw);
        File.WriteAllBytes(dir.File("a-idx3-ubyte.gz"), Gzip(raw));

        foreach (string name in new[] { "a-idx3-ubyte", "a-idx3-ubyte.gz" })
        {
            var array = IdxReader.Read(dir.File(name));
            Assert.Equal([2, 3, 4], array.Shape);
            Assert.Equal(data, array.Data);
            Assert.Equal(16, array.DataOffset);
        }
    }

    [Fact]
    public void TruncatedRawFileNamesTheOffsetWhereDataEnds()
    {
        using var dir = new TempDir();
        byte[] raw = Idx([10, 2], new byte[20]);
        File.WriteAllBytes(dir.File("t"), raw[..^5]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("t")));
        Assert.Equal(12 + 15, e.Offset);
        Assert.Contains("truncated", e.Message);
        Assert.Contains(dir.File("t"), e.Message);
        Assert.Contains("[10, 2]", e.Message);
    }

    [Fact]
    public void TruncatedGzipFileNamesTheOffsetWhereDataEnds()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("t.gz"), Gzip(Idx([10, 2], new byte[20])[..^5]));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("t.gz")));
        Assert.Equal(27, e.Offset);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TrailingBytesAreRefusedInBothForms()
    {
        using var dir = new TempDir();
        byte[] raw = [.. Idx([3], [1, 2, 3]), 99];
        File.WriteAllBytes(dir.File("r"), raw);
        File.WriteAllBytes(dir.File("r.gz"), Gzip(raw));
        foreach (string name in new[] { "r", "r.gz" })
        {
            var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File(name)));
            Assert.Equal(11, e.Offset);
            Assert.Contains("trailing", e.Message);
        }
    }

    [Theory]
    [InlineData(0, 0x01, "magic")]
    [InlineData(2, 0x0D, "float32")]
    [InlineData(3, 0x00, "0 dimensions")]
    [InlineData(3, 0x20, "IdxLimits.MaxDimensions")]
    public void BadHeaderBytesAreNamedWithTheirOffset(int offset, byte value, string expected)
    {
        byte[] raw = Idx([3], [1, 2, 3]);
        raw[offset] = value;
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(raw), "mem"));
        Assert.Equal(offset, e.Offset);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("mem at byte", e.Message);
    }

    [Fact]
    public void NegativeDimensionIsRefused()
    {
        byte[] raw = Idx([3, 1], [1, 2, 3]);
        BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(8), -1);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(raw), "mem"));
        Assert.Equal(8, e.Offset);
        Assert.Contains("negative", e.Message);
    }

    [Fact]
    public void DeclaredSizeBeyondTheLimitIsRefusedBeforeAllocating()
    {
        byte[] raw = Idx([16, int.MaxValue, 16], []);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(raw), "mem"));
        Assert.Contains("IdxLimits.MaxPayloadBytes", e.Message);
        Assert.Contains("[16, 2147483647, ...]", e.Message);
        Assert.Equal(8, e.Offset);

        var small = new IdxLimits { MaxPayloadBytes = 2 };
        e = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream(Idx([3], [1, 2, 3])), "mem", small));
        Assert.Contains("MaxPayloadBytes (2 bytes)", e.Message);
    }

    [Fact]
    public void GzipDeclaringMoreThanDeflateCanExpandIsRefused()
    {
        using var dir = new TempDir();
        // 400 MB declared from a file of a few dozen bytes: impossible for deflate, so corrupt.
        File.WriteAllBytes(dir.File("bomb.gz"), Gzip(Idx([20000, 20000], [])));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("bomb.gz")));
        Assert.Contains("MaxCompressionRatio", e.Message);
    }

    [Fact]
    public void EmptyAndTinyFilesGiveClearErrors()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream([0, 0]), "mem"));
        Assert.Contains("magic", e.Message);
        e = Assert.Throws<DataFormatException>(() => IdxReader.Read(new MemoryStream([0, 0, 8, 2, 0, 0, 0, 1]), "mem"));
        Assert.Contains("header", e.Message);
        Assert.Equal(8, e.Offset);
    }

    [Fact]
    public void MnistPairChecksCountsAndLabelRange()
    {
        var images = new IdxArray("img", [2, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4], 16);
        var set = MnistFormat.ToImageSet(images, new IdxArray("lab", [2], [1, 0], 8), ["a", "b"]);
        Assert.Equal([1, 0], set.Labels);
        Assert.Equal([0f, 1f, 0.2f, 0.4f], set.Image(0).ToArray());
        Assert.Equal((1, 2, 2), (set.Channels, set.Height, set.Width));

        var e = Assert.Throws<DataFormatException>(() => MnistFormat.ToImageSet(images, new IdxArray("lab", [2], [1, 7], 8), ["a", "b"]));
        Assert.Equal(9, e.Offset);
        Assert.Contains("label 7 of image 1", e.Message);
        e = Assert.Throws<DataFormatException>(() => MnistFormat.ToImageSet(images, new IdxArray("lab", [3], [1, 0, 0], 8), ["a", "b"]));
        Assert.Contains("3 labels for 2 images", e.Message);
    }
}

public class UnitFloatTests
{
    [Fact]
    public void VectorisedConversionEqualsTheReferenceBitForBit()
    {
        var rng = new Rng(2);
        foreach (int length in new[] { 0, 1, 31, 32, 33, 256, 1000, 4099 })
        {
            var bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = (byte)(length == 256 ? i : rng.NextInt(256));
            var fast = MnistFormat.ToUnitFloats(bytes);
            var reference = new float[length];
            MnistFormat.ToUnitFloatsReference(bytes, reference);
            Assert.Equal(reference.Select(BitConverter.SingleToInt32Bits), fast.Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal([0f, 1f], MnistFormat.ToUnitFloats([0, 255]));
    }
}
