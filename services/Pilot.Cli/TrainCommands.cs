using System.CommandLine;
using System.Diagnostics;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Data.Augmentation;
using Pilot.Vision.Data.Idx;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Training;

namespace Pilot.Cli;

/// <summary><c>pilot train ...</c>: trains the vision engine's networks on real data sets.</summary>
internal static class TrainCommands
{
    public static Command Create()
    {
        var group = new Command("train", "Train a network with Pilot's vision engine.");
        group.Subcommands.Add(FashionMnistCommand());
        group.Subcommands.Add(DrivingCommands.TrainLanes());
        return group;
    }

    private static Command FashionMnistCommand()
    {
        var model = new Option<string>("--model") { Description = "lenet5 (61,706 parameters) or cnn (1,413,834).", DefaultValueFactory = _ => "lenet5" };
        model.AcceptOnlyFromAmong("lenet5", "cnn");
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the 60,000 training images (default: 5 for lenet5, 12 for cnn)." };
        var schedule = new Option<string?>("--schedule") { Description = "Learning rate: constant, or cosine decay to zero over the run (default: constant for lenet5, cosine for cnn)." };
        schedule.AcceptOnlyFromAmong("constant", "cosine");
        var flip = new Option<float?>("--flip") { Description = "Probability of a random horizontal flip of a training image (default: 0 for lenet5, 0.5 for cnn)." };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 64 };
        var lr = new Option<float>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3f };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, shuffling and dropout (runs are deterministic).", DefaultValueFactory = _ => 0 };
        var limit = new Option<int?>("--limit") { Description = "Train on the first N images only (quick runs)." };
        var patience = new Option<int?>("--patience") { Description = "Stop after this many epochs without test-accuracy gain." };
        var data = new Option<string>("--data") { Description = "Folder with the Fashion-MNIST IDX files.", DefaultValueFactory = _ => FashionMnist.DebianDirectory };
        var output = new Option<string>("--out") { Description = "Folder for best/last checkpoints and loss/accuracy curves (PNG).",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "pilot-train") };
        var command = new Command("fashion-mnist", "Train LeNet-5 or the Fashion-MNIST CNN with Adam and softmax cross-entropy; prints test accuracy per epoch.")
            { model, epochs, schedule, flip, batch, lr, seed, limit, patience, data, output };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!;
            // The CNN's recipe adds what its size needs to generalise: a learning rate that anneals to zero and flipped images.
            bool cnn = name == "cnn";
            int n = parse.GetValue(epochs) ?? (cnn ? 12 : 5), b = parse.GetValue(batch);
            bool cosine = (parse.GetValue(schedule) ?? (cnn ? "cosine" : "constant")) == "cosine";
            float flipProbability = parse.GetValue(flip) ?? (cnn ? 0.5f : 0f);
            if (n <= 0 || b <= 0) { Console.Error.WriteLine("error: --epochs and --batch must be positive"); return 2; }
            if (flipProbability is < 0f or > 1f) { Console.Error.WriteLine($"error: --flip {flipProbability} is not a probability in [0, 1]"); return 2; }
            (Vision.Data.ImageSet Train, Vision.Data.ImageSet Test) sets;
            try { sets = FashionMnist.Load(parse.GetValue(data)!); }
            catch (Exception e) when (e is IOException or Vision.Data.DataFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            using var backend = new CpuBackend();
            var net = cnn ? Zoo.FashionMnistCnn(b) : Zoo.LeNet5(b);
            net.Build(backend, parse.GetValue(seed));
            float rate = parse.GetValue(lr);
            int trainCount = Math.Min(sets.Train.Count, parse.GetValue(limit) ?? int.MaxValue);
            Console.WriteLine($"{name} on {backend.Name}, batch {b}, Adam lr {rate} ({(cosine ? "cosine decay" : "constant")}), flip {flipProbability}, {n} epochs, seed {parse.GetValue(seed)}");
            Console.Write(net.Summary());
            string dir = Path.Combine(parse.GetValue(output)!, $"fashion-mnist-{name}");
            var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(net.Parameters, rate))
            {
                Schedule = cosine ? new CosineDecay(rate, n * (trainCount / b)) : null,
            };
            var clock = Stopwatch.StartNew();
            var results = trainer.Fit(sets.Train, sets.Test, new TrainingOptions
            {
                Epochs = n, Seed = (ulong)parse.GetValue(seed), TrainLimit = parse.GetValue(limit), Patience = parse.GetValue(patience), OutputDirectory = dir,
                Augment = flipProbability > 0f ? new Augmenter { FlipProbability = flipProbability } : null,
            });
            var last = results[^1];
            Console.WriteLine($"result: {name} test accuracy {last.TestAccuracy:P2} after {last.Epoch} epochs; best {results.Max(r => r.TestAccuracy):P2}; " +
                $"{clock.Elapsed.TotalSeconds:F0} s total, training {results.Average(r => r.ImagesPerSecond):F0} images/s; checkpoints and curves in {dir}");
            return 0;
        });
        return command;
    }
}
