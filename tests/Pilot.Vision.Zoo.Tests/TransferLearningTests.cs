using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Data.Images;
using Pilot.Vision.Models;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Transfer;

namespace Pilot.Vision.Zoo.Tests;

public sealed class TransferLearningTests : IDisposable
{
    private static readonly CpuBackend Cpu = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pilot-zoo-transfer-" + Guid.NewGuid().ToString("N"));

    public TransferLearningTests()
    {
        // a two-class image folder: reddish and bluish 16x16 PNGs with noise
        var r = new Random(9);
        foreach (var (cls, channel) in new[] { ("blue", 2), ("red", 0) })
        {
            Directory.CreateDirectory(Path.Combine(_root, cls));
            for (int i = 0; i < 20; i++)
            {
                var chw = new float[3 * 16 * 16];
                for (int k = 0; k < chw.Length; k++) chw[k] = (float)(0.3 * r.NextDouble()) + (k / 256 == channel ? 0.6f : 0f);
                ImageFile.SavePng(Path.Combine(_root, cls, $"{i:D2}.png"), chw, 3, 16, 16);
            }
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ArchitectureOptions Backbone => new() { IncludeTop = false, InputSize = 16, Width = 1f / 16 };

    [Fact]
    public void PretrainedBackboneLoadsByNameAndTheNewHeadTrainsOnAFrozenBackbone()
    {
        var source = Catalog.Build("resnet18", Backbone with { IncludeTop = true, Classes = 10 }).Build(1, Cpu, seed: 4);
        var checkpoint = ModelCheckpoint.Capture(source);
        var spec = TransferLearning.WithNewHead(Catalog.Build("resnet18", Backbone), classes: 2);
        var model = spec.Build(8, Cpu, seed: 5);
        int copied = TransferLearning.LoadMatching(model, checkpoint);
        Assert.Equal(source.Parameters.Count + source.Buffers.Count - 2, copied);   // all but the old fc weight and bias
        Assert.Equal(source.Parameters[0].Value.ToArray(), model.Parameters[0].Value.ToArray());

        var data = ImageFolder.Load(_root, 16, 16);
        var (train, test) = data.Split(0.25, 1);
        var backboneBefore = model.Parameters.Where(p => !p.Name.StartsWith(TransferLearning.HeadPrefix, StringComparison.Ordinal)).Select(p => p.Value.ToArray()).ToArray();
        var headBefore = model.Layer("head.fc").Parameters[0].Value.ToArray();
        var result = TransferLearning.Train(model, train, test, new TransferOptions { HeadEpochs = 2, FineTuneEpochs = 0 });
        Assert.Equal(2, result.HeadPhase.Count);
        var backboneAfter = model.Parameters.Where(p => !p.Name.StartsWith(TransferLearning.HeadPrefix, StringComparison.Ordinal)).Select(p => p.Value.ToArray()).ToArray();
        for (int i = 0; i < backboneBefore.Length; i++) Assert.Equal(backboneBefore[i], backboneAfter[i]);
        Assert.NotEqual(headBefore, model.Layer("head.fc").Parameters[0].Value.ToArray());
        Assert.All(model.Layers, l => Assert.False(l.Frozen));   // phase 2 unfreezes
    }

    [Fact]
    public void TwoPhaseRecipeLearnsTheImageFolder()
    {
        var model = TransferLearning.WithNewHead(Catalog.Build("resnet18", Backbone with { Width = 1f / 8 }), classes: 2).Build(6, Cpu, seed: 2);
        var (train, test) = ImageFolder.Load(_root, 16, 16).Split(0.25, 3);
        var result = TransferLearning.Train(model, train, test, new TransferOptions { HeadEpochs = 4, FineTuneEpochs = 4, HeadLearningRate = 1e-2f, FineTuneLearningRate = 1e-3f });
        string curve = string.Join(", ", result.HeadPhase.Concat(result.FineTunePhase).Select(e => e.TrainLoss.ToString("F3")));
        Assert.True(result.FineTunePhase[^1].TrainLoss < result.HeadPhase[0].TrainLoss,
            $"train loss per epoch: {curve}");
        Assert.True(result.FineTunePhase[^1].TrainAccuracy >= 0.9, $"final train accuracy {result.FineTunePhase[^1].TrainAccuracy}; losses {curve}");
    }
}
