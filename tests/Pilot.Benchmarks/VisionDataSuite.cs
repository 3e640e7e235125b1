using System.Diagnostics;
using Pilot.Vision.Data;
using Pilot.Vision.Data.Augmentation;
using Pilot.Vision.Data.Checkpoints;
using Pilot.Vision.Data.Idx;
using Pilot.Vision.Data.Images;
using Pilot.Vision.Data.Loading;

namespace Pilot.Benchmarks;

/// <summary>
/// ./pilot bench vision-data: the training stack's data path on Fashion-MNIST (load, batches with and without
/// prefetch and augmentation, bytes allocated per batch), each augmentation on a 28×28 image, the vectorised
/// byte-to-float conversion against its reference, and checkpoint save/load of the Fashion-MNIST CNN's size.
/// </summary>
public sealed class VisionDataSuite : ISuite
{
    public string Name => "vision-data";

    private const int CnnParameters = 1_413_834;   // the Fashion-MNIST CNN

    public void Run(Report report, string[] args)
    {
        var clock = Stopwatch.StartNew();
        var (train, _) = FashionMnist.Load();
        report.Add("fashion_mnist_load_ms", clock.Elapsed.TotalMilliseconds, "ms", "both splits, gzip IDX to float32 [N,1,28,28]");

        BatchThroughput(report, train, "batches_sync", new BatchLoaderOptions { BatchSize = 64, Prefetch = 0 });
        BatchThroughput(report, train, "batches_prefetch", new BatchLoaderOptions { BatchSize = 64, Prefetch = 2 });
        BatchThroughput(report, train, "batches_prefetch_flip_crop", new BatchLoaderOptions
        {
            BatchSize = 64, Prefetch = 2, Augment = new Augmenter { FlipProbability = 0.5f, CropPadding = 2 },
        });

        var image = train.Image(0).ToArray();
        var scratch = new float[image.Length];
        var rng = new Rng(1);
        report.Add("flip_ns", Measure.PerCall(() => Augment.FlipHorizontal(image, 1, 28, 28)).MedianNs, "ns", "per 28×28");
        report.Add("shift_ns", Measure.PerCall(() => Augment.Shift(image, scratch, 1, 28, 28, 2, -1)).MedianNs, "ns", "per 28×28");
        report.Add("rotate_ns", Measure.PerCall(() => Augment.Rotate(image, scratch, 1, 28, 28, 7.5f), 2000).MedianNs, "ns", "per 28×28, bilinear");
        report.Add("brightness_contrast_ns", Measure.PerCall(() => Augment.BrightnessContrast(scratch, 0.01f, 1.01f)).MedianNs, "ns", "per 28×28");
        report.Add("noise_ns", Measure.PerCall(() => Augment.GaussianNoise(scratch, 0.01f, ref rng), 2000).MedianNs, "ns", "per 28×28");

        var bytes = new byte[784 * 64];
        var floats = new float[bytes.Length];
        double fast = Measure.PerCall(() => MnistFormat.ToUnitFloats(bytes, floats), 2000).MedianNs;
        double plain = Measure.PerCall(() => MnistFormat.ToUnitFloatsReference(bytes, floats), 2000).MedianNs;
        report.Add("u8_to_f32_vector_ns", fast, "ns", "per batch of 64 images");
        report.Add("u8_to_f32_reference_ns", plain, "ns", $"scalar reference; {plain / fast:F1}× slower");

        Checkpoints(report);
    }

    private static void BatchThroughput(Report report, ImageSet set, string key, BatchLoaderOptions options)
    {
        var loader = new BatchLoader(set, options);
        foreach (var _ in loader.Epoch(0)) { }   // warm-up epoch
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        int images = 0;
        foreach (var batch in loader.Epoch(1)) images += batch.Count;
        double seconds = clock.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        report.Add(key + "_images_per_s", images / seconds, "images/s", "batch 64, consumer does no work (handoff cost included)");
        report.Add(key + "_bytes_per_batch", (double)allocated / loader.BatchesPerEpoch, "B", "whole process, one epoch");
    }

    private static void Checkpoints(Report report)
    {
        string directory = Directory.CreateTempSubdirectory("pilot-bench-ckpt-").FullName;
        try
        {
            var checkpoint = new Checkpoint();
            var rng = new Rng(3);
            var weights = new float[CnnParameters];
            for (int i = 0; i < weights.Length; i++) weights[i] = rng.NextGaussian();
            checkpoint.Add("weights", [CnnParameters], weights);
            checkpoint.Add("adam.m", [CnnParameters], (float[])weights.Clone());
            checkpoint.Add("adam.v", [CnnParameters], (float[])weights.Clone());
            string path = Path.Combine(directory, "cnn.ckpt");
            double megabytes = 3.0 * CnnParameters * sizeof(float) / 1e6;
            double save = Measure.PerCall(() => checkpoint.Save(path), 1, 7).MedianNs / 1e6;
            double load = Measure.PerCall(() => Checkpoint.Load(path), 1, 7).MedianNs / 1e6;
            report.Add("checkpoint_save_ms", save, "ms", $"{megabytes:F1} MB (CNN weights + Adam state), fsync + rename");
            report.Add("checkpoint_load_ms", load, "ms", "read, CRC-32 per tensor, copy out");
            var grid = new float[64 * 784];
            report.Add("png_grid_64_ms", Measure.PerCall(() => ImageFile.SaveGridPng(Path.Combine(directory, "g.png"), grid, 64, 1, 28, 28), 5, 7).MedianNs / 1e6, "ms", "8×8 grid of 28×28");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
