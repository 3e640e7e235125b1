using Pilot.Vision.Data.Augmentation;
using Pilot.Vision.Data.Loading;

namespace Pilot.Vision.Data.Tests;

public class BatchLoaderTests
{
    /// <summary>N one-channel 2×2 images whose every pixel is the sample index; label = index mod 10.</summary>
    internal static ImageSet Indexed(int count)
    {
        var images = new float[count * 4];
        for (int i = 0; i < images.Length; i++) images[i] = i / 4;
        return new ImageSet(images, Enumerable.Range(0, count).Select(i => i % 10).ToArray(), 1, 2, 2,
            Enumerable.Range(0, 10).Select(c => c.ToString()).ToArray());
    }

    private static List<int[]> Epoch(BatchLoader loader, int epoch) =>
        loader.Epoch(epoch).Select(b =>
        {
            for (int i = 0; i < b.Count; i++)
            {
                Assert.Equal(b.SampleIndices[i] % 10, b.Labels[i]);
                Assert.All(b.Inputs.Slice(i * 4, 4).ToArray(), v => Assert.Equal(b.SampleIndices[i], v));
            }
            return b.SampleIndices.ToArray();
        }).ToList();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void EveryEpochVisitsEverySampleOnceInBatchesOfTheRightSize(int prefetch)
    {
        var loader = new BatchLoader(Indexed(103), new BatchLoaderOptions { BatchSize = 10, Seed = 9, Prefetch = prefetch });
        Assert.Equal(11, loader.BatchesPerEpoch);
        var batches = Epoch(loader, 0);
        Assert.Equal(11, batches.Count);
        Assert.All(batches.Take(10), b => Assert.Equal(10, b.Length));
        Assert.Equal(3, batches[10].Length);
        Assert.Equal(Enumerable.Range(0, 103), batches.SelectMany(b => b).Order());
        Assert.NotEqual(Enumerable.Range(0, 103), batches.SelectMany(b => b));   // shuffled
    }

    [Fact]
    public void OrderDependsOnlyOnSeedAndEpochNotOnPrefetching()
    {
        BatchLoader Make(ulong seed, int prefetch) =>
            new(Indexed(50), new BatchLoaderOptions { BatchSize = 8, Seed = seed, Prefetch = prefetch });
        var reference = Epoch(Make(1, 0), 2);
        Assert.Equal(reference, Epoch(Make(1, 2), 2));
        Assert.Equal(reference, Epoch(Make(1, 5), 2));
        Assert.NotEqual(reference, Epoch(Make(1, 2), 3));   // reshuffled every epoch
        Assert.NotEqual(reference, Epoch(Make(2, 2), 2));
    }

    [Fact]
    public void DropLastSkipsThePartialBatchAndNoShuffleKeepsOrder()
    {
        var loader = new BatchLoader(Indexed(25), new BatchLoaderOptions { BatchSize = 10, DropLast = true, Shuffle = false });
        Assert.Equal(2, loader.BatchesPerEpoch);
        var batches = Epoch(loader, 0);
        Assert.Equal([Enumerable.Range(0, 10).ToArray(), Enumerable.Range(10, 10).ToArray()], batches);
    }

    [Fact]
    public void BuffersAreReusedAcrossBatchesAndEpochs()
    {
        var loader = new BatchLoader(Indexed(100), new BatchLoaderOptions { BatchSize = 10, Prefetch = 2 });
        var buffers = new HashSet<float[]>(ReferenceEqualityComparer.Instance);
        for (int epoch = 0; epoch < 3; epoch++)
            foreach (var batch in loader.Epoch(epoch)) buffers.Add(batch.InputBuffer);
        Assert.Equal(3, buffers.Count);   // Prefetch + 1 buffers for 30 batches
    }

    [Fact]
    public void AugmentationIsAppliedPerSampleReproducibly()
    {
        var options = new BatchLoaderOptions
        {
            BatchSize = 4, Seed = 3, Prefetch = 2,
            Augment = new Augmenter { NoiseStandardDeviation = 0.5f },
        };
        float[] Collect(BatchLoaderOptions o) =>
            new BatchLoader(Indexed(12), o).Epoch(1).SelectMany(b => b.Inputs.ToArray()).ToArray();
        float[] first = Collect(options), again = Collect(options with { Prefetch = 0 });
        Assert.Equal(first, again);
        float[] plain = Collect(options with { Augment = null });
        Assert.NotEqual(plain, first);
        Assert.All(first.Zip(plain), p => Assert.InRange(p.First - p.Second, -3f, 3f));
    }

    [Fact]
    public void StoppingEarlyReleasesTheLoaderForTheNextEpoch()
    {
        var loader = new BatchLoader(Indexed(100), new BatchLoaderOptions { BatchSize = 5, Prefetch = 2 });
        foreach (var batch in loader.Epoch(0))
            if (batch.Index == 2) break;
        Assert.Equal(20, loader.Epoch(1).Count());
    }

    [Fact]
    public void OverlappingEpochsAreRefusedBecauseTheyShareBuffers()
    {
        var loader = new BatchLoader(Indexed(10), new BatchLoaderOptions { BatchSize = 5 });
        using var first = loader.Epoch(0).GetEnumerator();
        Assert.True(first.MoveNext());
        var e = Assert.Throws<InvalidOperationException>(() => loader.Epoch(1).First());
        Assert.Contains("already being enumerated", e.Message);
    }

    [Fact]
    public void AFailingSourceSurfacesOnTheCallersThread()
    {
        var loader = new BatchLoader(new Failing(), new BatchLoaderOptions { BatchSize = 2, Shuffle = false, Prefetch = 2 });
        var e = Assert.Throws<InvalidOperationException>(() => loader.Epoch(0).ToList());
        Assert.Contains("batch 1 of epoch 0", e.Message);
        Assert.Contains("sample 3 is unreadable", e.Message);
    }

    private sealed class Failing : ISampleSource
    {
        public int Count => 6;
        public int Channels => 1;
        public int Height => 1;
        public int Width => 1;
        public int CopySample(int index, Span<float> destination) =>
            index == 3 ? throw new IOException($"sample {index} is unreadable") : 0;
    }
}

/// <summary>Allocation measurement counts every thread's allocations, so it must not share the process with other tests.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

[Collection(nameof(AllocationCollection))]
public class BatchLoaderAllocationTests
{
    [Fact]
    public void SteadyStateBatchingAllocatesNothingPerBatch()
    {
        var source = BatchLoaderTests.Indexed(25_600);
        var loader = new BatchLoader(source, new BatchLoaderOptions
        {
            BatchSize = 16, Prefetch = 2, Seed = 1,
            Augment = new Augmenter { FlipProbability = 0.5f, MaxShift = 1, NoiseStandardDeviation = 0.1f },
        });
        // Warm up for long enough that tiered compilation has swapped in optimised code, then keep the quietest of
        // several epochs: a rejit or the runtime's own bookkeeping can land inside any one epoch on a busy machine,
        // while an allocation per batch would show in every epoch.
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < 2 || warmUp.ElapsedMilliseconds < 500; epoch++)
            foreach (var _ in loader.Epoch(epoch)) { }
        long allocated = long.MaxValue;
        int batches = 0;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            batches = 0;
            foreach (var batch in loader.Epoch(100 + attempt)) batches += batch.Count > 0 ? 1 : 0;
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Assert.Equal(1600, batches);
        // Per epoch: an enumerator, two semaphores and a thread (about 0.5 KB); per batch: nothing.
        // 1600 batches of 16 × 4 floats would be 400 KB if each were allocated.
        Assert.True(allocated < 16_384, $"{allocated} bytes allocated for one epoch of {batches} batches");
    }
}
