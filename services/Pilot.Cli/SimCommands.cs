using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Data.Images;
using Pilot.Vision.Data.Training;
using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;

namespace Pilot.Cli;

/// <summary><c>pilot sim ...</c>: the synthetic road-scene generator (data sets and previews).</summary>
internal static class SimCommands
{
    public static Command Create()
    {
        var group = new Command("sim", "Synthetic road scenes for training and testing the driving model.");
        group.Subcommands.Add(Dataset());
        group.Subcommands.Add(Preview());
        return group;
    }

    private static Command Dataset()
    {
        var count = new Option<long>("--count") { Description = "Samples to generate.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the shards.", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed; a sample depends only on (seed, index).", DefaultValueFactory = _ => 1 };
        var first = new Option<long>("--first") { Description = "Index of the first sample (to extend a set or make a disjoint one).", DefaultValueFactory = _ => 0 };
        var command = new Command("dataset", "Write a sharded synthetic data set (two-frame model inputs with exact labels).") { count, output, seed, first };
        command.SetAction(parse =>
        {
            long n = parse.GetValue(count);
            if (n <= 0) { Console.Error.WriteLine("error: --count must be positive"); return 2; }
            string folder = parse.GetValue(output)!.FullName;
            var clock = Stopwatch.StartNew();
            var bar = new ProgressBar("samples", (int)Math.Min(n, int.MaxValue));
            var gate = new object();
            DatasetWriter.Write(folder, parse.GetValue(seed), n, parse.GetValue(first), progress: done => { lock (gate) bar.Report((int)done); });
            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {n} samples to {folder} in {seconds:F1} s: {n / seconds:F1} samples/s, {2 * n / seconds:F1} frames/s"));
            return 0;
        });
        return command;
    }

    private static Command Preview()
    {
        var count = new Option<int>("--count") { Description = "Scenes in the grid.", DefaultValueFactory = _ => 8 };
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write.", DefaultValueFactory = _ => new FileInfo("scenes.png") };
        var seed = new Option<ulong>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("preview", "Render random scenes as the model view sees them into one PNG grid.") { count, output, seed };
        command.SetAction(parse =>
        {
            int n = Math.Clamp(parse.GetValue(count), 1, 64);
            var view = ModelView.Default;
            var renderer = new SceneRenderer(RayTable.ForModel(view));
            var frame = new byte[view.Width * view.Height * 3 / 2];
            int plane = view.Width * view.Height;
            var chw = new float[n * 3 * plane];
            for (int k = 0; k < n; k++)
            {
                renderer.RenderI420(SceneSampler.Sample(parse.GetValue(seed), k), frame);
                var rgb = renderer.Rgb;
                for (int i = 0; i < plane; i++)
                    for (int c = 0; c < 3; c++) chw[(k * 3 + c) * plane + i] = rgb[3 * i + c];
            }
            string path = parse.GetValue(output)!.FullName;
            ImageFile.SaveGridPng(path, chw, n, 3, view.Height, view.Width, columns: 2);
            Console.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}
