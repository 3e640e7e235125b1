using System.Buffers.Binary;
using System.IO.Hashing;
using Pilot.Vision.Data.Checkpoints;

namespace Pilot.Vision.Data.Tests;

public class CheckpointTests
{
    private static Checkpoint Sample()
    {
        var checkpoint = new Checkpoint();
        checkpoint.Add("conv1.weight", [6, 1, 5, 5], Enumerable.Range(0, 150).Select(i => i * 0.5f - 3).ToArray());
        checkpoint.Add("conv1.bias", [6], [1, -2, float.Epsilon, float.MaxValue, float.NegativeInfinity, -0f]);
        checkpoint.Add("adam.step", [], [17]);
        checkpoint.Add("empty", [0, 3], []);
        checkpoint.Metadata["epoch"] = "3";
        checkpoint.Metadata["step"] = "2814";
        checkpoint.Metadata["model"] = "lenet5 ünïcode";
        return checkpoint;
    }

    private static IEnumerable<TensorSpec> Specs(Checkpoint c) => c.Tensors.Select(t => new TensorSpec(t.Name, t.Shape));

    [Fact]
    public void RoundTripsNamesShapesValuesAndMetadataBitExactly()
    {
        using var dir = new TempDir();
        var original = Sample();
        original.Save(dir.File("a.ckpt"));
        var loaded = Checkpoint.Load(dir.File("a.ckpt"), Specs(original));

        Assert.Equal(original.Tensors.Select(t => t.Name), loaded.Tensors.Select(t => t.Name));
        foreach (var tensor in original.Tensors)
        {
            Assert.Equal(tensor.Shape, loaded[tensor.Name].Shape);
            Assert.Equal(tensor.Data.Select(BitConverter.SingleToInt32Bits), loaded[tensor.Name].Data.Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal(original.Metadata.OrderBy(p => p.Key), loaded.Metadata.OrderBy(p => p.Key));

        var header = Checkpoint.ReadHeader(dir.File("a.ckpt"));
        Assert.Equal("2814", header.Metadata["step"]);
        Assert.Equal([6, 1, 5, 5], header.Tensors[0].Shape);
    }

    [Fact]
    public void LayoutIsTheDocumentedOne()
    {
        using var dir = new TempDir();
        Sample().Save(dir.File("a.ckpt"));
        byte[] file = File.ReadAllBytes(dir.File("a.ckpt"));
        Assert.Equal("PILOTCKP"u8.ToArray(), file[..8]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)));
        int headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
        Assert.Equal(Crc32.HashToUInt32(file.AsSpan(20, headerLength)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(16)));
        // The first tensor's data starts at the header end rounded up to 64 bytes; the file ends with the last.
        long first = (20 + headerLength + 63) / 64 * 64;
        Assert.Equal(-3f, BitConverter.ToSingle(file, (int)first));
        Assert.Equal(0.5f * 149 - 3, BitConverter.ToSingle(file, (int)first + 149 * 4));
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        // The CRC-32/ISO-HDLC check value of "123456789" (the catalogue's reference test).
        Assert.Equal(0xCBF43926u, Crc32.HashToUInt32("123456789"u8));
    }

    [Fact]
    public void EveryFlippedBitIsDetected()
    {
        using var dir = new TempDir();
        Sample().Save(dir.File("a.ckpt"));
        byte[] good = File.ReadAllBytes(dir.File("a.ckpt"));
        var rng = new Rng(4);
        for (int trial = 0; trial < 300; trial++)
        {
            int bit = trial < good.Length ? trial * 8 + trial % 8 : rng.NextInt(good.Length * 8);
            if (bit / 8 >= good.Length) bit = rng.NextInt(good.Length * 8);
            byte[] bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            File.WriteAllBytes(dir.File("bad.ckpt"), bad);
            // Padding bytes between tensors carry no data and no checksum; every other bit must be caught.
            if (IsPadding(good, bit / 8)) continue;
            var e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("bad.ckpt")));
            Assert.True(e.Offset >= 0, e.Message);
        }
    }

    private static bool IsPadding(byte[] file, int offset)
    {
        int headerEnd = 20 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
        if (offset < headerEnd) return false;
        // Tensors (150, 6, 1, 0 floats) follow the header at 64-byte boundaries.
        long position = headerEnd;
        foreach (int floats in new[] { 150, 6, 1, 0 })
        {
            long start = (position + 63) / 64 * 64;
            if (offset < start) return true;
            if (offset < start + floats * 4) return false;
            position = start + floats * 4;
        }
        return true;
    }

    [Fact]
    public void AFlippedDataBitNamesTheTensorAndItsOffset()
    {
        using var dir = new TempDir();
        Sample().Save(dir.File("a.ckpt"));
        byte[] file = File.ReadAllBytes(dir.File("a.ckpt"));
        int headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
        long first = (20 + headerLength + 63) / 64 * 64;
        long second = (first + 600 + 63) / 64 * 64;
        file[second + 5] ^= 0x10;   // inside conv1.bias
        File.WriteAllBytes(dir.File("a.ckpt"), file);
        var e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("a.ckpt")));
        Assert.Equal("conv1.bias", e.Tensor);
        Assert.Equal(second, e.Offset);
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Contains("a.ckpt", e.Message);
    }

    [Fact]
    public void TruncationAnywhereIsAClearError()
    {
        using var dir = new TempDir();
        Sample().Save(dir.File("a.ckpt"));
        byte[] good = File.ReadAllBytes(dir.File("a.ckpt"));
        foreach (int length in new[] { 0, 7, 19, 40, 200, good.Length - 700, good.Length - 1 })
        {
            File.WriteAllBytes(dir.File("t.ckpt"), good[..length]);
            var e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("t.ckpt")));
            Assert.True(e.Message.Contains("truncated"), $"{length}: {e.Message}");
        }
        File.WriteAllBytes(dir.File("t.ckpt"), [.. good, 0]);
        Assert.Contains("trailing", Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("t.ckpt"))).Message);
    }

    [Fact]
    public void WrongMagicAndVersionAreNamed()
    {
        using var dir = new TempDir();
        Sample().Save(dir.File("a.ckpt"));
        byte[] file = File.ReadAllBytes(dir.File("a.ckpt"));
        file[8] = 2;
        File.WriteAllBytes(dir.File("v.ckpt"), file);
        var e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("v.ckpt")));
        Assert.Equal(8, e.Offset);
        Assert.Contains("version 2", e.Message);
        File.WriteAllText(dir.File("m.ckpt"), "PK\u0003\u0004 a zip file, not a checkpoint");
        e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("m.ckpt")));
        Assert.Equal(0, e.Offset);
        Assert.Contains("not a Pilot checkpoint", e.Message);
    }

    [Fact]
    public void MismatchedModelsAreNamedByTensor()
    {
        using var dir = new TempDir();
        var original = Sample();
        original.Save(dir.File("a.ckpt"));
        var specs = Specs(original).ToList();

        var wrongShape = specs.Select(s => s.Name == "conv1.weight" ? s with { Shape = [6, 1, 3, 3] } : s);
        var e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("a.ckpt"), wrongShape));
        Assert.Equal("conv1.weight", e.Tensor);
        Assert.Contains("shape [6, 1, 5, 5] in the file, expected [6, 1, 3, 3]", e.Message);

        e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("a.ckpt"), [.. specs, new TensorSpec("fc.weight", [10, 84])]));
        Assert.Equal("fc.weight", e.Tensor);
        Assert.Contains("missing", e.Message);

        e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("a.ckpt"), specs.Skip(1)));
        Assert.Equal("conv1.weight", e.Tensor);
        Assert.Contains("not expected", e.Message);

        var loaded = Checkpoint.Load(dir.File("a.ckpt"));
        var destination = new float[150];
        loaded.CopyTo("conv1.weight", [6, 1, 5, 5], destination);
        Assert.Equal(original["conv1.weight"].Data, destination);
        e = Assert.Throws<DataFormatException>(() => loaded.CopyTo("conv1.weight", [150], destination));
        Assert.Contains("expected [150]", e.Message);
    }

    [Fact]
    public void HostileHeaderCountsHitNamedLimits()
    {
        using var dir = new TempDir();
        new Checkpoint().Save(dir.File("a.ckpt"));
        byte[] file = File.ReadAllBytes(dir.File("a.ckpt"));
        Assert.Equal(28, file.Length);   // fixed part and two zero counts
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), 5_000_000);   // tensor count
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), Crc32.HashToUInt32(file.AsSpan(20)));
        File.WriteAllBytes(dir.File("h.ckpt"), file);
        var e = Assert.Throws<DataFormatException>(() => Checkpoint.Load(dir.File("h.ckpt")));
        Assert.Contains("CheckpointLimits.MaxTensors", e.Message);
        Assert.Equal(24, e.Offset);
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousCheckpointIntact()
    {
        using var dir = new TempDir();
        string path = dir.File("model.ckpt");
        Sample().Save(path);
        byte[] before = File.ReadAllBytes(path);

        // A crash mid-write leaves a partial temporary file behind: the checkpoint itself is untouched and loads.
        File.WriteAllBytes(path + ".tmp", before[..100]);
        Assert.Equal(3, Checkpoint.Load(path).Tensors.Count - 1);

        // A write that fails (here: the temporary path cannot be created) throws and changes nothing.
        File.Delete(path + ".tmp");
        Directory.CreateDirectory(path + ".tmp");
        var bigger = Sample();
        bigger.Add("extra", [2], [1, 2]);
        var e = Assert.ThrowsAny<Exception>(() => bigger.Save(path));
        Assert.True(e is IOException or UnauthorizedAccessException, e.ToString());
        Assert.Equal(before, File.ReadAllBytes(path));

        // With the obstacle gone the next save replaces the file and leaves no temporary behind.
        Directory.Delete(path + ".tmp");
        bigger.Save(path);
        Assert.True(Checkpoint.Load(path).Contains("extra"));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void AddingInconsistentTensorsIsMisuse()
    {
        var checkpoint = new Checkpoint();
        Assert.Throws<ArgumentException>(() => checkpoint.Add("w", [2, 3], new float[5]));
        checkpoint.Add("w", [2], new float[2]);
        Assert.Throws<ArgumentException>(() => checkpoint.Add("w", [2], new float[2]));
        Assert.Contains("no tensor 'v'", Assert.Throws<KeyNotFoundException>(() => checkpoint["v"]).Message);
    }
}
