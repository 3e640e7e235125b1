using System.Buffers.Binary;
using System.IO.Hashing;
using ZstdSharp;

namespace Pilot.Vision.Scenes.Dataset;

/// <summary>
/// Writes a sharded synthetic data set: samples (seed, first .. first + count − 1) rendered by
/// <see cref="SampleGenerator"/>, <see cref="ShardSize"/> per shard. Each shard is written to a temporary name and
/// renamed when complete, so an interrupted run leaves only whole shards.
/// </summary>
public sealed class DatasetWriter
{
    /// <summary>Samples per shard (a shard is then about 25 MB compressed).</summary>
    public const int ShardSize = 256;

    /// <summary>zstd level: 3 is zstd's default, fast enough not to slow generation.</summary>
    private const int CompressionLevel = 3;

    /// <summary>Writes samples <paramref name="first"/> .. first + count − 1 of <paramref name="seed"/> into
    /// <paramref name="folder"/>; <paramref name="progress"/> gets the number done so far, from the writing threads.</summary>
    public static void Write(string folder, ulong seed, long count, long first = 0, int threads = 0, Action<long>? progress = null)
    {
        Directory.CreateDirectory(folder);
        int shards = (int)((count + ShardSize - 1) / ShardSize);
        long done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, shards, options, () => (new SampleGenerator(), new Compressor(CompressionLevel)), (shard, _, state) =>
        {
            long start = first + (long)shard * ShardSize;
            int n = (int)Math.Min(ShardSize, first + count - start);
            WriteShard(Path.Combine(folder, ShardFormat.ShardName(shard)), state.Item1, state.Item2, seed, start, n,
                () => progress?.Invoke(Interlocked.Increment(ref done)));
            return state;
        }, state => state.Item2.Dispose());
    }

    private static void WriteShard(string path, SampleGenerator generator, Compressor compressor, ulong seed, long first, int count, Action onSample)
    {
        string temporary = path + ".tmp";
        var payload = new byte[ModelInput.Size + LabelVector.Length * sizeof(float)];
        var labels = new float[LabelVector.Length];
        var header = new byte[ShardFormat.HeaderSize];
        ShardFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), ShardFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), ModelInput.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), LabelVector.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)count);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(20), seed);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(28), (ulong)first);
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Write(header);
            Span<byte> recordHeader = stackalloc byte[ShardFormat.RecordHeaderSize];
            for (int k = 0; k < count; k++)
            {
                var (_, sceneLabels) = generator.Generate(seed, first + k, payload.AsSpan(0, ModelInput.Size));
                LabelVector.Write(sceneLabels, labels);
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()).CopyTo(payload.AsSpan(ModelInput.Size));
                var compressed = compressor.Wrap(payload);
                BinaryPrimitives.WriteUInt32LittleEndian(recordHeader, (uint)compressed.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(recordHeader[4..], Crc32.HashToUInt32(payload));
                file.Write(recordHeader);
                file.Write(compressed);
                onSample();
            }
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
