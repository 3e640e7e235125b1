using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;

namespace Pilot.Benchmarks;

/// <summary>
/// ./pilot bench vision [--profile]: SGEMM GFLOP/s (1024^3 and convolution-shaped), LeNet-5 training images/s at batch
/// 64, and batch-1 latency of the reference lane network of ARCHITECTURE.md, next to ONNX Runtime on
/// data/models/lane_ref.onnx (same architecture, its own random weights) and the PyTorch LeNet peer when installed.
/// Medians throughout: the machine is shared. --profile adds per-layer forward/backward times of LeNet-5.
/// </summary>
public sealed class VisionSuite : ISuite
{
    public string Name => "vision";

    public void Run(Report report, string[] args)
    {
        using var backend = new CpuBackend();
        report.Fact("backend", backend.Name);
        report.Fact("machine", $"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Gemm(report, backend, "gemm_1024", 1024, 1024, 1024, false, false, target: 150);
        GemmPerCpuSecond(report);
        Gemm(report, backend, "gemm_conv_cnn128_3x3", 128, 64 * 14 * 14, 128 * 9, false, false);      // Fashion CNN conv 128->128 at 14x14, batch 64
        Gemm(report, backend, "gemm_conv_lenet_c2", 16, 64 * 10 * 10, 6 * 25, false, false);          // LeNet C2 forward, batch 64
        Gemm(report, backend, "gemm_conv_lenet_c2_dw", 16, 6 * 25, 64 * 10 * 10, false, true);        // its weight gradient
        Gemm(report, backend, "gemm_lane_pw_64x96", 96, 16 * 32, 64, false, false);                   // lane net pointwise at 16x32
        LeNetTraining(report, backend, args.Contains("--profile"));
        LaneLatency(report, backend, args.Contains("--profile"));
        TorchPeer(report);
    }

    private static double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }

    private static void Gemm(Report report, CpuBackend backend, string key, int m, int n, int k, bool ta, bool tb, double? target = null)
    {
        var a = new float[m * k]; var b = new float[k * n]; var c = new float[m * n];
        var r = new Random(1);
        for (int i = 0; i < a.Length; i++) a[i] = r.NextSingle();
        for (int i = 0; i < b.Length; i++) b[i] = r.NextSingle();
        double flops = 2.0 * m * n * k;
        int inner = Math.Max(1, (int)(2e9 / flops / 10));  // ~0.1 s samples at ~20 GFLOP/s
        var (ns, _) = Measure.PerCall(() => backend.Gemm(ta, tb, m, n, k, 1, a, ta ? m : k, b, tb ? k : n, 0, c, n), inner, 9);
        double gflops = flops / ns;
        report.Add(key + "_gflops", gflops, "GFLOP/s", $"{m}x{n}x{k}{(tb ? " B^T" : "")}" + (target is { } t ? $", target >= {t}" : ""));
    }

    /// <summary>
    /// Seconds of CPU this process spends per call (all threads; /proc granularity, so calls are batched): unlike
    /// wall time it does not grow when other processes take the cores, which makes it the figure to compare kernels by
    /// on a shared machine. It does include slowdowns from shared caches.
    /// </summary>
    private static double CpuSecondsPerCall(Action body, int calls)
    {
        body();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (int i = 0; i < calls; i++) body();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds / calls;
    }

    private static void GemmPerCpuSecond(Report report)
    {
        using var one = new CpuBackend(threads: 1);
        const int n = 1024;
        var a = new float[n * n]; var b = new float[n * n]; var c = new float[n * n];
        for (int i = 0; i < a.Length; i++) { a[i] = i % 7 * 0.01f; b[i] = i % 5 * 0.01f; }
        double seconds = CpuSecondsPerCall(() => one.Gemm(false, false, n, n, n, 1, a, n, b, n, 0, c, n), 20);
        report.Add("gemm_1024_1thread_gflop_per_cpu_s", 2.0 * n * n * n / seconds / 1e9, "GFLOP/CPU-s",
            "one thread, CPU time not wall time: x2 is the 2-core ceiling when the cores are free");
    }

    private static void LeNetTraining(Report report, CpuBackend backend, bool profile)
    {
        const int batch = 64, steps = 20;
        var model = Zoo.LeNet5(batch);
        model.Build(backend, 1);
        var loss = new SoftmaxCrossEntropy();
        var opt = new Adam(model.Parameters, 1e-3f);
        var input = new float[model.Input.Length];
        var r = new Random(2);
        for (int i = 0; i < input.Length; i++) input[i] = r.NextSingle();
        var labels = Enumerable.Range(0, batch).Select(i => (float)(i % 10)).ToArray();
        void Step()
        {
            input.CopyTo(model.Input.Span);
            model.Forward();
            loss.Compute(model.Output, labels, model.OutputGrad);
            model.Backward();
            opt.Step();
        }
        var (ns, bytes) = Measure.PerCall(Step, steps, 9);
        report.Add("lenet5_train_images_per_s", batch / (ns * 1e-9), "images/s", "batch 64, Adam, median of 9 x 20 steps; target >= 11000");
        report.Add("lenet5_train_step_bytes_allocated", bytes, "B/step", "caller thread");
        double cpu = CpuSecondsPerCall(Step, 100);
        report.Add("lenet5_train_images_per_cpu_s", batch / cpu, "images/CPU-s", "both threads' CPU time: x2 is the 2-core ceiling when the cores are free");
        if (!profile) return;
        foreach (var (layer, fwd, bwd) in model.Profile(20))
            report.Add($"profile_{layer}", fwd + bwd, "ms", $"forward {fwd:F3} ms, backward {bwd:F3} ms");
    }

    private static void LaneLatency(Report report, CpuBackend backend, bool profile)
    {
        var model = Zoo.LaneNet(1);
        model.Build(backend, 3);
        model.Training = false;
        var r = new Random(4);
        var input = new float[model.Input.Length];
        for (int i = 0; i < input.Length; i++) input[i] = r.Next(256);
        input.CopyTo(model.Input.Span);
        var plan = InferencePlan.Compile(model);
        var (ns, bytes) = Measure.PerCall(plan.Run, 20, 15);
        double pilotMs = ns / 1e6;
        report.Add("lane_net_latency_ms", pilotMs, "ms", $"batch 1, 1,261,819 parameters, inference plan ({plan.Description.Count} fused steps), target <= 2 ms");
        report.Add("lane_net_bytes_allocated", bytes, "B/frame", "caller thread");
        report.Add("lane_net_cpu_ms_per_frame", CpuSecondsPerCall(plan.Run, 200) * 1000, "CPU-ms", "both threads' CPU time per frame");
        report.Add("lane_net_layer_by_layer_ms", Measure.PerCall(model.Forward, 20, 15).MedianNs / 1e6, "ms", "Model.Forward in evaluation mode, no fusion");
        if (profile)
            foreach (var (layer, fwd, _) in model.Profile(20))
                report.Add($"profile_lane_{layer}", fwd, "ms", "forward");

        string onnx = Path.Combine(BenchData.Root, "models", "lane_ref.onnx");
        if (!File.Exists(onnx)) { report.Fact("onnxruntime", $"skipped: {onnx} not found"); return; }
        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(onnx, options);
        var tensor = new DenseTensor<float>(input, [1, 12, 128, 256]);
        var feeds = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("img", tensor) };
        var (ortNs, _) = Measure.PerCall(() => { using var results = session.Run(feeds); }, 20, 15);
        double ortMs = ortNs / 1e6;
        report.Add("onnxruntime_lane_latency_ms", ortMs, "ms", $"ONNX Runtime {typeof(InferenceSession).Assembly.GetName().Version}, {Environment.ProcessorCount} intra-op threads");
        report.Add("lane_latency_ratio_pilot_over_ort", pilotMs / ortMs, "x", "below 1: Pilot faster");
        report.Add("onnxruntime_lane_cpu_ms_per_frame", CpuSecondsPerCall(() => { using var results = session.Run(feeds); }, 200) * 1000, "CPU-ms",
            "its intra-op threads spin while waiting, so this counts their spinning too");
    }

    private static void TorchPeer(Report report)
    {
        const string python = "/usr/bin/python3";
        string script = Path.Combine(BenchData.Root, "..", "peers", "torch_lenet.py");
        var probe = Process.Start(new ProcessStartInfo(python, ["-c", "import torch"]) { RedirectStandardError = true });
        probe!.WaitForExit();
        if (probe.ExitCode != 0) { report.Fact("torch_peer", "not run: python3-torch is not installed"); return; }
        var run = Process.Start(new ProcessStartInfo(python, [script, "2", "1"]) { RedirectStandardOutput = true })!;
        string output = run.StandardOutput.ReadToEnd();
        run.WaitForExit();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out double v))
                report.Add("torch_" + parts[0], v, "", "PyTorch peer, same run");
        }
    }
}
