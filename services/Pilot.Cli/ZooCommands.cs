using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Estimation;
using Pilot.Vision.Zoo.Onnx;

namespace Pilot.Cli;

/// <summary><c>pilot zoo ...</c>: the model zoo's architectures, their layer tables and costs.</summary>
internal static class ZooCommands
{
    public static Command Create()
    {
        var group = new Command("zoo", "Classic vision architectures: list them, print their layer tables and costs.");
        group.Subcommands.Add(List());
        group.Subcommands.Add(Summary());
        group.Subcommands.Add(Bench());
        group.Subcommands.Add(Autoencoder());
        group.Subcommands.Add(Dcgan());
        return group;
    }

    private static Command Dcgan()
    {
        var steps = new Option<int>("--steps") { Description = "Training steps (64 real + 64 generated images each).", DefaultValueFactory = _ => 1000 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where the sample grid PNG goes.", DefaultValueFactory = _ => new DirectoryInfo("runs/dcgan") };
        var command = new Command("dcgan", "Train a DCGAN on Fashion-MNIST (label smoothing 0.9) and write a grid of generated samples.") { steps, output };
        command.SetAction(parse =>
        {
            try
            {
                var (train, _) = Vision.Data.Idx.FashionMnist.Load();
                using var backend = new CpuBackend();
                const int batch = 64;
                var gan = new Vision.Zoo.Generative.Dcgan(batch, backend, seed: 1);
                var order = Enumerable.Range(0, train.Count).ToArray();
                new Random(2).Shuffle(order);
                var clock = Stopwatch.StartNew();
                for (int step = 0; step < parse.GetValue(steps); step++)
                {
                    var (d, g) = gan.Step(train, order.AsSpan(step * batch % (train.Count - batch), batch));
                    if ((step + 1) % 100 == 0) Console.WriteLine($"step {step + 1}: discriminator loss {d:F4}, generator loss {g:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
                }
                var dir = parse.GetValue(output)!;
                dir.Create();
                string png = Path.Combine(dir.FullName, "samples.png");
                Vision.Data.Images.ImageFile.SaveGridPng(png, gan.Sample(), batch, 1, 28, 28, columns: 8);
                Console.WriteLine($"wrote {png}");
                return 0;
            }
            catch (Exception e) when (e is IOException or Vision.Data.DataFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Autoencoder()
    {
        var steps = new Option<int>("--steps") { Description = "Training steps (batches of 64).", DefaultValueFactory = _ => 500 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where the PNG of noisy / reconstructed / clean test images goes.", DefaultValueFactory = _ => new DirectoryInfo("runs/autoencoder") };
        var command = new Command("autoencoder", "Train the convolutional denoising autoencoder on Fashion-MNIST, report the test reconstruction error, write a sample PNG.") { steps, output };
        command.SetAction(parse =>
        {
            try
            {
                var (train, test) = Vision.Data.Idx.FashionMnist.Load();
                using var backend = new CpuBackend();
                const int batch = 64, evalImages = 2048;
                var ae = new Vision.Zoo.Generative.DenoisingAutoencoder(batch, backend);
                Console.WriteLine($"before training: test reconstruction MSE {ae.Evaluate(test, evalImages, 7):F5} (noise std {ae.Noise})");
                var order = Enumerable.Range(0, train.Count).ToArray();
                new Random(1).Shuffle(order);
                var clock = Stopwatch.StartNew();
                for (int step = 0; step < parse.GetValue(steps); step++)
                {
                    int at = step * batch % (train.Count - batch);
                    float loss = ae.Step(train, order.AsSpan(at, batch), (ulong)step);
                    if ((step + 1) % 100 == 0) Console.WriteLine($"step {step + 1}: train MSE {loss:F5} ({clock.Elapsed.TotalSeconds:F0} s)");
                }
                Console.WriteLine($"after {parse.GetValue(steps)} steps: test reconstruction MSE {ae.Evaluate(test, evalImages, 7):F5} (noisy input vs clean: the identity would score ~{ae.Noise * ae.Noise:F3})");
                var dir = parse.GetValue(output)!;
                dir.Create();
                string png = Path.Combine(dir.FullName, "denoising.png");
                Vision.Data.Images.ImageFile.SaveGridPng(png, ae.Triptych(), 3 * batch, 1, 28, 28, columns: batch);
                Console.WriteLine($"wrote {png} (rows: noisy, reconstructed, clean)");
                return 0;
            }
            catch (Exception e) when (e is IOException or Vision.Data.DataFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Bench()
    {
        var name = new Argument<string>("name") { Description = "Architecture name (see ./pilot zoo list)." };
        var input = new Option<int?>("--input") { Description = "Square input side in pixels (default: the architecture's own)." };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 1 };
        var classes = new Option<int?>("--classes") { Description = "Number of classes (default: the architecture's own, 1000 or 21 for the FCNs)." };
        var width = new Option<float>("--width") { Description = "Channel width multiplier.", DefaultValueFactory = _ => 1f };
        var runs = new Option<int>("--runs") { Description = "Timed runs per engine (the median is reported).", DefaultValueFactory = _ => 20 };
        var profile = new Option<bool>("--profile") { Description = "Also print the ten slowest Pilot layers (median forward time)." };
        var command = new Command("bench", "Time inference of an architecture in Pilot and in ONNX Runtime on the same exported model (random weights) and print the ratio.")
            { name, input, batch, classes, width, runs, profile };
        command.SetAction(parse =>
        {
            try
            {
                string arch = parse.GetValue(name)!;
                var defaults = Catalog.Defaults(arch);
                var spec = Catalog.Build(arch, defaults with
                {
                    InputSize = parse.GetValue(input), Classes = parse.GetValue(classes) ?? defaults.Classes, Width = parse.GetValue(width), AuxClassifiers = false,
                });
                using var backend = new CpuBackend();
                var model = spec.ToModel(parse.GetValue(batch));
                model.Build(backend, 1);
                model.Training = false;
                var r = new Random(2);
                var x = model.Input.Span;
                for (int i = 0; i < x.Length; i++) x[i] = (float)r.NextDouble();
                var inputCopy = model.Input.ToArray();
                byte[] onnx = OnnxCodec.Serialize(OnnxExporter.Export(model, spec.Name));
                int n = Math.Max(1, parse.GetValue(runs));
                double pilotMs = Median(model.Forward, n);
                using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
                using var session = new InferenceSession(onnx, options);
                var feeds = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(inputCopy, model.Input.Shape)) };
                float[] ortOut;
                using (var results = session.Run(feeds)) ortOut = results.First().AsEnumerable<float>().ToArray();
                double ortMs = Median(() => { using var results = session.Run(feeds); }, n);
                float maxDiff = 0;
                var y = model.Output.Span;
                for (int i = 0; i < y.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(y[i] - ortOut[i]));
                Console.WriteLine($"{spec.Name}: input [{string.Join(", ", model.Input.Shape)}], {spec.ParameterCount:N0} parameters, {spec.MultiplyAdds * model.Batch / 1e9:F3} G multiply-adds");
                Console.WriteLine($"pilot ({backend.Name}): {pilotMs:F3} ms   onnxruntime {typeof(InferenceSession).Assembly.GetName().Version} ({Environment.ProcessorCount} threads): {ortMs:F3} ms   ratio pilot/ort {pilotMs / ortMs:F2}x (median of {n})");
                Console.WriteLine($"max |pilot - ort| = {maxDiff:G3}");
                if (parse.GetValue(profile))
                {
                    // per-layer forward times only: evaluation mode has no backward to profile
                    foreach (var (layer, fwd, _) in model.Profile(5).OrderByDescending(r => r.ForwardMs).Take(10))
                        Console.WriteLine($"  {layer,-40} {fwd,8:F3} ms");
                }
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or OnnxRuntimeException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static double Median(Action run, int runs)
    {
        run();   // warm-up: first-call allocation and JIT
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }

    private static Command List()
    {
        var command = new Command("list", "List the architectures with their parameter counts at their default input size and 1000 classes.");
        command.SetAction(_ =>
        {
            foreach (var (name, description) in Catalog.Names)
                Console.WriteLine($"{name,-18} {Catalog.Build(name).ParameterCount,14:N0}  {description}");
            return 0;
        });
        return command;
    }

    private static Command Summary()
    {
        var name = new Argument<string>("name") { Description = "Architecture name (see ./pilot zoo list)." };
        var input = new Option<int?>("--input") { Description = "Square input side in pixels (default: the architecture's own)." };
        var classes = new Option<int?>("--classes") { Description = "Number of classes (default: the architecture's own, 1000 or 21 for the FCNs)." };
        var batch = new Option<int>("--batch") { Description = "Batch size the memory and multiply-add figures are for.", DefaultValueFactory = _ => 1 };
        var width = new Option<float>("--width") { Description = "Channel width multiplier.", DefaultValueFactory = _ => 1f };
        var noTop = new Option<bool>("--no-top") { Description = "Drop the classifier (include_top=False)." };
        var command = new Command("summary", "Print the layer table: output shapes, parameters, multiply-adds and activation memory per layer, with totals.")
            { name, input, classes, batch, width, noTop };
        command.SetAction(parse =>
        {
            try
            {
                string arch = parse.GetValue(name)!;
                var defaults = Catalog.Defaults(arch);
                var options = defaults with
                {
                    InputSize = parse.GetValue(input), Classes = parse.GetValue(classes) ?? defaults.Classes, Width = parse.GetValue(width), IncludeTop = !parse.GetValue(noTop),
                };
                Console.Write(Estimator.Table(Estimator.Estimate(Catalog.Build(arch, options), parse.GetValue(batch))));
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
