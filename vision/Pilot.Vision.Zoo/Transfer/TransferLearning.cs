using Pilot.Vision.Data;
using Pilot.Vision.Data.Checkpoints;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Training;
using Pilot.Vision.Zoo.Architectures;

namespace Pilot.Vision.Zoo.Transfer;

/// <summary>How the two-phase recipe runs (Keras' transfer-learning guide: train the new head on a frozen backbone, then fine-tune everything at a lower rate).</summary>
public sealed record TransferOptions
{
    public int HeadEpochs { get; init; } = 3;
    public int FineTuneEpochs { get; init; } = 3;
    public float HeadLearningRate { get; init; } = 1e-3f;
    /// <summary>A tenth of the head rate by default: large steps would wreck the pretrained features.</summary>
    public float FineTuneLearningRate { get; init; } = 1e-4f;
    public ulong Seed { get; init; }
    public TextWriter Log { get; init; } = TextWriter.Null;
}

public sealed record TransferResult(IReadOnlyList<EpochResult> HeadPhase, IReadOnlyList<EpochResult> FineTunePhase);

/// <summary>Transfer learning on a headless zoo backbone: a new global-pool + dropout + dense head, pretrained weights by name, two-phase training.</summary>
public static class TransferLearning
{
    public const string HeadPrefix = "head.";

    /// <summary>The backbone (built with IncludeTop = false) followed by global average pooling, dropout and a dense classifier.</summary>
    public static NetworkSpec WithNewHead(NetworkSpec backbone, int classes, float dropout = 0.2f)
    {
        if (backbone.ClassifierOutputs != 0) throw new ArgumentException($"{backbone.Name} still has its classifier: build it with IncludeTop = false");
        if (backbone.Output.Shape.Length != 3) throw new ArgumentException($"{backbone.Name} ends in [{string.Join(", ", backbone.Output.Shape)}], not a feature map");
        var b = NetBuilder.Extend(backbone, backbone.Name + "_transfer");
        var x = b.Dropout(b.GlobalAvgPool(backbone.Output, HeadPrefix + "pool"), dropout, HeadPrefix + "dropout");
        return b.Finish(b.Dense(x, classes, name: HeadPrefix + "fc"), classes);
    }

    /// <summary>
    /// Copies every tensor of <paramref name="checkpoint"/> whose name the model also has (the backbone of a model saved
    /// with its old classifier); a shape mismatch is an error naming the tensor. Returns how many tensors were copied.
    /// </summary>
    public static int LoadMatching(Model model, Checkpoint checkpoint)
    {
        int copied = 0;
        foreach (var (name, tensor) in model.Parameters.Select(p => (p.Name, p.Value)).Concat(model.Buffers.Select(b => (b.Name, b))))
        {
            if (!checkpoint.Contains(name)) continue;
            checkpoint.CopyTo(name, tensor.Shape, tensor.Span);
            copied++;
        }
        return copied;
    }

    /// <summary>Phase 1: backbone frozen, head trained; phase 2: everything trainable at the lower rate.</summary>
    public static TransferResult Train(Model model, ISampleSource train, ISampleSource test, TransferOptions options)
    {
        var backbone = model.Layers.Where(l => !l.Name.StartsWith(HeadPrefix, StringComparison.Ordinal)).Select(l => l.Name).ToArray();
        var fit = new TrainingOptions { Epochs = options.HeadEpochs, Seed = options.Seed, Log = options.Log, Interactive = false };
        model.Freeze(backbone);
        var head = new Trainer(model, new SoftmaxCrossEntropy(), new Adam(model.Parameters, options.HeadLearningRate)).Fit(train, test, fit);
        model.Unfreeze(backbone);
        var fine = new Trainer(model, new SoftmaxCrossEntropy(), new Adam(model.Parameters, options.FineTuneLearningRate))
            .Fit(train, test, fit with { Epochs = options.FineTuneEpochs, Seed = options.Seed + 1 });
        return new TransferResult(head, fine);
    }
}
