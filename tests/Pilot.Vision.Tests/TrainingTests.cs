using Pilot.Vision.Data.Idx;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Training;

namespace Pilot.Vision.Tests;

/// <summary>Real training on a slice of Fashion-MNIST: the loss must fall, deterministically; checkpoints round-trip.</summary>
public class TrainingTests
{
    private static string Data()
    {
        Skip.IfNot(File.Exists(Path.Combine(FashionMnist.DebianDirectory, "t10k-images-idx3-ubyte.gz")),
            "Fashion-MNIST is not installed (Debian package dataset-fashion-mnist; ./test.sh installs it)");
        return FashionMnist.DebianDirectory;
    }

    private static (List<float> Losses, float[] Weights) TrainLeNet(int steps)
    {
        var test = FashionMnist.LoadSplit(Data(), "t10k");
        var model = Zoo.LeNet5(32);
        model.Build(Fixtures.Cpu, seed: 1);
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Adam(model.Parameters, 1e-3f));
        var losses = new List<float>();
        int size = test.SampleSize;
        for (int s = 0; s < steps; s++)
        {
            int at = (s % 8) * 32;  // cycle over the first 256 images
            losses.Add(trainer.Step(test.Images.AsSpan(at * size, 32 * size), test.Labels.AsSpan(at, 32)));
        }
        return (losses, model.Parameters[0].Value.ToArray());
    }

    [SkippableFact]
    public void LeNet5_loss_drops_on_a_small_slice_and_training_is_deterministic()
    {
        var (losses, weights) = TrainLeNet(40);
        double first = losses.Take(8).Average(), last = losses.TakeLast(8).Average();
        Assert.True(last < 0.6 * first, $"mean loss of the first 8 steps {first:F3}, of the last 8 {last:F3}");
        var (again, weights2) = TrainLeNet(40);
        Assert.Equal(losses, again);
        Assert.Equal(weights, weights2);
    }

    [SkippableFact]
    public void Fit_evaluates_keeps_the_best_checkpoint_and_restores_it()
    {
        var (train, test) = FashionMnist.Load(Data());
        var model = Zoo.LeNet5(64);
        model.Build(Fixtures.Cpu, seed: 2);
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Adam(model.Parameters, 2e-3f));
        string dir = Path.Combine(Path.GetTempPath(), "pilot-vision-fit-" + Guid.NewGuid().ToString("N"));
        try
        {
            var log = new StringWriter();
            var results = trainer.Fit(train, test, new TrainingOptions { Epochs = 1, TrainLimit = 3200, OutputDirectory = dir, Log = log, Interactive = false });
            Assert.Single(results);
            Assert.InRange(results[0].TestAccuracy, 0.55, 1.0);   // 50 steps of Adam already beat chance (10%) by far
            Assert.True(File.Exists(Path.Combine(dir, "loss.png")));
            var (_, accuracy) = trainer.Evaluate(test);
            var fresh = Zoo.LeNet5(64);
            fresh.Build(Fixtures.Cpu, seed: 99);
            var best = Directory.GetFiles(dir, "*best*").Single();
            ModelCheckpoint.Load(fresh, best);
            var (_, restored) = new Trainer(fresh, new SoftmaxCrossEntropy(), new Adam(fresh.Parameters)).Evaluate(test);
            Assert.Equal(accuracy, restored);
            var mismatch = Zoo.FashionMnistCnn(1);
            mismatch.Build(Fixtures.Cpu);
            Assert.ThrowsAny<Exception>(() => ModelCheckpoint.Load(mismatch, best));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
