using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Driving;
using Pilot.Vision.Models;
using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;
using Pilot.Vision.Zoo.Onnx;

namespace Pilot.Benchmarks;

/// <summary>
/// ./pilot bench lanes: the driving network as modeld runs it (the shipped weights, inference plan) next to ONNX Runtime
/// on the same network exported by Pilot's ONNX exporter, at one thread (modeld's default) and at every core; and the
/// road-scene generator's training samples per second (two rendered frames and their labels each, one thread).
/// </summary>
public sealed class LanesSuite : ISuite
{
    private const double GeneratorSeconds = 3;
    public string Name => "lanes";

    public void Run(Report report, string[] args)
    {
        string weights = Path.Combine(BenchData.RepoRoot, "models", "lanes.ckpt");
        var r = new Random(5);
        var pixels = new float[ModelInput.Size];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = r.Next(256);
        foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
            Latency(report, weights, pixels, threads);
        Generator(report);
        report.Fact("machine", $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
    }

    private static void Latency(Report report, string weights, float[] pixels, int threads)
    {
        using var backend = new CpuBackend(threads: threads);
        var model = DrivingNet.Create(batch: 1);
        model.Build(backend, 0);
        ModelCheckpoint.Load(model, weights);
        model.Training = false;
        pixels.CopyTo(model.Input.Span);
        var plan = InferencePlan.Compile(model);
        double pilotMs = Measure.PerCall(plan.Run, 20, 15).MedianNs / 1e6;

        using var options = new SessionOptions { IntraOpNumThreads = threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(OnnxCodec.Serialize(OnnxExporter.Export(model, "driving")), options);
        var feeds = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(pixels.ToArray(), model.Input.Shape)) };
        float maxDiff = 0;
        using (var results = session.Run(feeds))
        {
            var ort = results.First().AsEnumerable<float>().ToArray();
            plan.Run();
            var y = model.Output.Span;
            for (int i = 0; i < y.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(y[i] - ort[i]));
        }
        double ortMs = Measure.PerCall(() => { using var results = session.Run(feeds); }, 20, 15).MedianNs / 1e6;
        string t = $"{threads}t";
        report.Add($"driving_net_{t}_ms", pilotMs, "ms", $"inference plan, {threads} thread(s), shipped weights");
        report.Add($"onnxruntime_{t}_ms", ortMs, "ms", $"ONNX Runtime {typeof(InferenceSession).Assembly.GetName().Version} on the exported network, {threads} intra-op thread(s)");
        report.Add($"ratio_pilot_over_ort_{t}", pilotMs / ortMs, "x", $"target <= 1.0; outputs agree within {maxDiff:G3}");
    }

    private static void Generator(Report report)
    {
        using var samples = new GeneratedSamples(seed: 1);
        var input = new byte[ModelInput.Size];
        var labels = new float[LabelVector.Length];
        for (int i = 0; i < 3; i++) samples.Read(i, input, labels);   // warm-up: JIT, ray tables
        long n = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < GeneratorSeconds) samples.Read(1000 + n++, input, labels);
        double perSecond = n / clock.Elapsed.TotalSeconds;
        report.Add("generator_samples_per_s", perSecond, "samples/s", "one thread: two frames rendered and packed into the model input, with labels");
        report.Add("generator_frames_per_s", 2 * perSecond, "frames/s", "one thread");
    }
}
