using System.Buffers.Binary;
using Pilot.Vision.Data.Checkpoints;
using Pilot.Vision.Data.Idx;

namespace Pilot.Vision.Data.Tests;

/// <summary>Randomly corrupted files must give a <see cref="DataFormatException"/> (or load, where the damage hit
/// only data bytes the format cannot check), never another exception type or a hang.</summary>
public class CorruptInputTests
{
    private static byte[] Mutate(byte[] good, ref Rng rng)
    {
        byte[] bad = rng.NextInt(4) == 0 ? good[..rng.NextInt(good.Length + 1)] : (byte[])good.Clone();
        int flips = 1 + rng.NextInt(4);
        for (int i = 0; i < flips && bad.Length > 0; i++)
        {
            // Bias towards the header, where lengths and counts live.
            int at = rng.NextInt(2) == 0 ? rng.NextInt(Math.Min(bad.Length, 64)) : rng.NextInt(bad.Length);
            bad[at] = rng.NextInt(3) == 0 ? (byte)0xFF : (byte)(bad[at] ^ (1 << rng.NextInt(8)));
        }
        return bad;
    }

    [Fact]
    public void CorruptIdxFilesOnlyEverRaiseDataFormatException()
    {
        var good = new byte[4 + 12 + 5 * 6 * 7];
        good[2] = 0x08;
        good[3] = 3;
        BinaryPrimitives.WriteInt32BigEndian(good.AsSpan(4), 5);
        BinaryPrimitives.WriteInt32BigEndian(good.AsSpan(8), 6);
        BinaryPrimitives.WriteInt32BigEndian(good.AsSpan(12), 7);
        var rng = new Rng(21);
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] bad = Mutate(good, ref rng);
            try
            {
                var array = IdxReader.Read(new MemoryStream(bad), "fuzz");
                Assert.Equal(bad.Length - array.DataOffset, array.Data.Length);
            }
            catch (DataFormatException) { }
        }

        // The same file gzip-compressed: corruption now hits the deflate stream and its CRC as well.
        var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest)) gzip.Write(good);
        using var dir = new TempDir();
        for (int trial = 0; trial < 300; trial++)
        {
            File.WriteAllBytes(dir.File("bad.gz"), Mutate(packed.ToArray(), ref rng));
            try { IdxReader.Read(dir.File("bad.gz")); }
            catch (DataFormatException) { }
        }
    }

    [Fact]
    public void CorruptCheckpointsOnlyEverRaiseDataFormatException()
    {
        using var dir = new TempDir();
        var checkpoint = new Checkpoint();
        checkpoint.Add("a", [3, 4], Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
        checkpoint.Add("b", [2], [1, 2]);
        checkpoint.Metadata["epoch"] = "1";
        checkpoint.Save(dir.File("good.ckpt"));
        byte[] good = File.ReadAllBytes(dir.File("good.ckpt"));
        var rng = new Rng(22);
        int loaded = 0;
        for (int trial = 0; trial < 1500; trial++)
        {
            byte[] bad = Mutate(good, ref rng);
            File.WriteAllBytes(dir.File("bad.ckpt"), bad);
            try
            {
                Checkpoint.Load(dir.File("bad.ckpt"));
                Checkpoint.ReadHeader(dir.File("bad.ckpt"));
                loaded++;
            }
            catch (DataFormatException) { }
        }
        // Only flips confined to alignment padding can load; almost every corruption must be caught.
        Assert.True(loaded < 150, $"{loaded} of 1500 corrupted checkpoints loaded");
    }
}
