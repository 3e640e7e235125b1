using System.CommandLine;
using System.Diagnostics;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Data;
using Pilot.Vision.Data.Images;
using Pilot.Vision.Driving;
using Pilot.Vision.Driving.Overlay;
using Pilot.Vision.Models;
using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;

namespace Pilot.Cli;

/// <summary>The driving model's commands: <c>pilot train lanes</c> and <c>pilot eval lanes</c>.</summary>
internal static class DrivingCommands
{
    /// <summary>
    /// What modeld loads by default: the repository's models/lanes.ckpt, as the build copies it beside the program (so a
    /// daemon started from any folder finds it).
    /// </summary>
    public static readonly string DefaultWeights = Path.Combine(AppContext.BaseDirectory, "models", "lanes.ckpt");

    public static Command TrainLanes()
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs.", DefaultValueFactory = _ => 10 };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps per epoch.", DefaultValueFactory = _ => 500 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 16 };
        var lr = new Option<float>("--lr") { Description = "Peak Adam learning rate (warm-up, then cosine decay).", DefaultValueFactory = _ => 1e-3f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated scenes and the initialisation.", DefaultValueFactory = _ => 1 };
        var validation = new Option<int>("--validation") { Description = "Held-out scenes evaluated after each epoch.", DefaultValueFactory = _ => 256 };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Train on a data set written by 'pilot sim dataset' instead of generating scenes on the fly." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for lanes.last.ckpt, lanes.best.ckpt and the loss curves; an existing run there is resumed.",
            DefaultValueFactory = _ => new DirectoryInfo("models/run") };
        var command = new Command("lanes", "Train the driving model (lane lines, road edges, path, lead) on synthetic road scenes.")
            { epochs, steps, batch, lr, seed, validation, data, output };
        command.SetAction(parse =>
        {
            int b = parse.GetValue(batch);
            if (b <= 0 || parse.GetValue(epochs) <= 0 || parse.GetValue(steps) <= 0) { Console.Error.WriteLine("error: --epochs, --steps and --batch must be positive"); return 2; }
            using var backend = new CpuBackend();
            var model = DrivingNet.Create(b);
            model.Build(backend, (int)(parse.GetValue(seed) & 0x7FFFFFFF));
            Console.WriteLine($"driving model on {backend.Name}: {model.ParameterCount:N0} parameters, batch {b}");
            IDrivingSamples samples;
            try
            {
                samples = parse.GetValue(data) is { } folder ? new StoredSamples(folder.FullName) : new GeneratedSamples(parse.GetValue(seed));
            }
            catch (Exception e) when (e is IOException or DataFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            var trainer = new DrivingTrainer(model, new DrivingTrainingOptions
            {
                Epochs = parse.GetValue(epochs), StepsPerEpoch = parse.GetValue(steps), LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed), ValidationSamples = parse.GetValue(validation), OutputDirectory = parse.GetValue(output)!.FullName,
            });
            var clock = Stopwatch.StartNew();
            trainer.Fit(samples);
            (samples as IDisposable)?.Dispose();
            Console.WriteLine($"trained in {clock.Elapsed.TotalMinutes:F1} min; best weights: {Path.Combine(parse.GetValue(output)!.FullName, "lanes.best.ckpt")}");
            return 0;
        });
        return command;
    }

    public static Command Eval()
    {
        var group = new Command("eval", "Evaluate trained models.");
        var weights = new Option<FileInfo>("--weights") { Description = "Checkpoint to evaluate.", DefaultValueFactory = _ => new FileInfo(DefaultWeights) };
        var count = new Option<int>("--count") { Description = "Held-out scenes.", DefaultValueFactory = _ => 512 };
        var seed = new Option<ulong>("--seed") { Description = "Training seed whose held-out stream is used.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the report and example overlays (PNG).", DefaultValueFactory = _ => new DirectoryInfo("eval-lanes") };
        var lanes = new Command("lanes", "Lane, path and lead errors of the driving model on held-out synthetic scenes, with example overlays.")
            { weights, count, seed, output };
        lanes.SetAction(parse =>
        {
            var file = parse.GetValue(weights)!;
            if (!file.Exists) { Console.Error.WriteLine($"error: no trained weights at {file.FullName}: train them with ./pilot train lanes"); return 1; }
            using var backend = new CpuBackend();
            const int batch = 8;
            var model = DrivingNet.Create(batch);
            model.Build(backend);
            try { ModelCheckpoint.Load(model, file.FullName); }
            catch (DataFormatException e) { Console.Error.WriteLine($"error: {e.Message}"); return 1; }
            var trainer = new DrivingTrainer(model, new DrivingTrainingOptions { Log = TextWriter.Null });
            using var heldOut = new GeneratedSamples(parse.GetValue(seed) + DrivingTrainer.ValidationSeedOffset);
            var (loss, evaluation) = trainer.Evaluate(heldOut, parse.GetValue(count));
            string report = $"weights {file.FullName}\nheld-out loss {loss:F4}\n{evaluation.Report()}\n";
            Console.Write(report);
            string dir = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "report.txt"), report);
            WriteExamples(Path.Combine(dir, "examples.png"), file.FullName, heldOut.Seed, backend);
            Console.WriteLine($"wrote {dir}/report.txt and examples.png");
            return 0;
        });
        group.Subcommands.Add(lanes);
        return group;
    }

    /// <summary>Eight held-out scenes as the model view sees them, with the predictions drawn on.</summary>
    private static void WriteExamples(string path, string weights, ulong seed, CpuBackend backend)
    {
        var view = ModelView.Default;
        var camera = view.Camera;
        var mounting = RoadCalibration.Level();
        var pipeline = new DrivingPipeline(camera, mounting, weights, backend);
        var renderer = new SceneRenderer(new RayTable(camera, mounting));
        var frame = new byte[view.Width * view.Height * 3 / 2];
        const int examples = 8;
        int plane = view.Width * view.Height;
        var chw = new float[examples * 3 * plane];
        for (int k = 0; k < examples; k++)
        {
            var scene = SceneSampler.Sample(seed, k);
            renderer.RenderNv12(scene, frame);
            var prediction = pipeline.Run(frame);
            PredictionOverlay.Draw(frame, camera, mounting with { Height = scene.CameraHeight }, prediction);
            Nv12Rgb.ToChw(frame, view.Width, view.Height, chw.AsSpan(k * 3 * plane, 3 * plane));
        }
        ImageFile.SaveGridPng(path, chw, examples, 3, view.Height, view.Width, columns: 2);
    }
}
