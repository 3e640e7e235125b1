using System.Diagnostics;
using Pilot.Vision.Data;
using Pilot.Vision.Data.Augmentation;
using Pilot.Vision.Data.Checkpoints;
using Pilot.Vision.Data.Loading;
using Pilot.Vision.Data.Metrics;
using Pilot.Vision.Data.Training;
using Pilot.Vision.Losses;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;

namespace Pilot.Vision.Training;

/// <summary>How <see cref="Trainer.Fit"/> runs.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 5;
    public ulong Seed { get; init; }
    /// <summary>Stop when test accuracy has not improved for this many epochs (null: never).</summary>
    public int? Patience { get; init; }
    /// <summary>Where best/last checkpoints and the loss/accuracy PNG curves go (null: nowhere).</summary>
    public string? OutputDirectory { get; init; }
    /// <summary>Use only the first N training samples (quick runs); null: all.</summary>
    public int? TrainLimit { get; init; }
    /// <summary>Random augmentation of every training sample (null: none); evaluation always sees the plain images.</summary>
    public Augmenter? Augment { get; init; }
    public TextWriter Log { get; init; } = Console.Out;
    public bool Interactive { get; init; } = !Console.IsOutputRedirected;
}

/// <summary>One epoch's figures.</summary>
public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds, double ImagesPerSecond);

/// <summary>
/// Supervised classification training of a built model: shuffled batches (drop-last, seeded), forward, loss,
/// backward, optional clipping, optimiser step with an optional schedule; per-epoch evaluation, early stopping,
/// best-checkpoint keeping and curves. Everything the step touches is allocated before the first batch.
/// </summary>
public sealed class Trainer
{
    private readonly Model _model;
    private readonly ILoss _loss;
    private readonly Optimizer _optimizer;
    private readonly float[] _targets;   // [batch] class index per row, as the loss reads it
    private readonly int _classes;
    private readonly int _sampleSize;

    public Trainer(Model model, ILoss loss, Optimizer optimizer)
    {
        _model = model; _loss = loss; _optimizer = optimizer;
        _targets = new float[model.Batch];
        _classes = model.Output.Length / model.Batch;
        _sampleSize = model.Input.Length / model.Batch;
    }

    public ILearningRateSchedule? Schedule { get; init; }
    public float? ClipNorm { get; init; }

    /// <summary>One optimiser step on a full batch (inputs [batch, ...], labels [batch]); returns the batch's mean loss.</summary>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        if (labels.Length != _model.Batch || inputs.Length != _model.Input.Length)
            throw new ArgumentException($"a training step needs exactly {_model.Batch} samples ({_model.Input.Length} inputs), got {labels.Length} labels and {inputs.Length} inputs");
        inputs.CopyTo(_model.Input.Span);
        for (int i = 0; i < labels.Length; i++) _targets[i] = labels[i];
        _model.Forward();
        float loss = _loss.Compute(_model.Output, _targets, _model.OutputGrad);
        _model.Backward();
        if (ClipNorm is { } clip) GradientClipping.ByNorm(_model.Parameters, clip);
        if (Schedule is not null) _optimizer.LearningRate = Schedule.Rate(_optimizer.Steps);
        _optimizer.Step();
        return loss;
    }

    /// <summary>
    /// Mean loss and accuracy over a whole data set in evaluation mode. The last partial batch is zero-padded, its
    /// padding ignored, and its loss taken as plain cross-entropy of the filled rows.
    /// </summary>
    public (double Loss, double Accuracy) Evaluate(ISampleSource data, ConfusionMatrix? confusion = null)
    {
        bool was = _model.Training;
        _model.Training = false;
        var loader = new BatchLoader(data, new BatchLoaderOptions { BatchSize = _model.Batch, Shuffle = false, Prefetch = 1 });
        double lossSum = 0;
        long correct = 0;
        var grad = _model.OutputGrad;  // scratch for the loss gradient, unused in evaluation
        foreach (var batch in loader.Epoch(0))
        {
            var input = _model.Input.Span;
            batch.Inputs.CopyTo(input);
            input[batch.Inputs.Length..].Clear();
            for (int i = 0; i < _model.Batch; i++) _targets[i] = i < batch.Count ? batch.Labels[i] : 0;
            _model.Forward();
            var scores = _model.Output.Span[..(batch.Count * _classes)];
            correct += Accuracy.CountCorrect(scores, batch.Labels, _classes);
            confusion?.AddBatch(scores, batch.Labels);
            if (batch.Count == _model.Batch) lossSum += _loss.Compute(_model.Output, _targets, grad) * batch.Count;
            else lossSum += PartialLoss(batch.Count);
        }
        _model.Training = was;
        return (lossSum / data.Count, (double)correct / data.Count);
    }

    private double PartialLoss(int count)
    {
        // Per-row cross-entropy of the filled rows only (the padded rows must not count).
        double sum = 0;
        Span<float> row = stackalloc float[_classes];
        var scores = _model.Output.Span;
        for (int i = 0; i < count; i++)
        {
            Ops.Softmax.Row(scores.Slice(i * _classes, _classes), row, log: true);
            sum -= row[(int)_targets[i]];
        }
        return sum;
    }

    /// <summary>Trains for <see cref="TrainingOptions.Epochs"/> epochs, evaluating on <paramref name="test"/> after each.</summary>
    public IReadOnlyList<EpochResult> Fit(ISampleSource train, ISampleSource test, TrainingOptions options)
    {
        if (train.Channels * train.Height * train.Width != _sampleSize)
            throw new ArgumentException($"training samples hold {train.Channels * train.Height * train.Width} values, the model takes {_sampleSize}");
        var source = options.TrainLimit is { } limit && limit < train.Count ? new Prefix(train, limit) : train;
        var loader = new BatchLoader(source, new BatchLoaderOptions { BatchSize = _model.Batch, Shuffle = true, DropLast = true, Seed = options.Seed, Augment = options.Augment });
        var history = new TrainingHistory();
        var stopping = options.Patience is { } p ? new EarlyStopping(p, MetricMode.Max) : null;
        var keeper = options.OutputDirectory is { } dir ? new BestCheckpointKeeper(dir, "test_accuracy", MetricMode.Max) : null;
        var results = new List<EpochResult>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            _model.Training = true;
            var bar = new ProgressBar($"epoch {epoch}/{options.Epochs}", loader.BatchesPerEpoch, options.Log, options.Interactive);
            var clock = Stopwatch.StartNew();
            var lossMean = new RunningMean();
            long correct = 0, seen = 0;
            int done = 0;
            foreach (var batch in loader.Epoch(epoch - 1))
            {
                float loss = Step(batch.Inputs, batch.Labels);
                lossMean.Add(loss);
                correct += Accuracy.CountCorrect(_model.Output.Span, batch.Labels, _classes);
                seen += batch.Count;
                bar.Report(++done, $"loss {lossMean.Mean:F4}");
            }
            double seconds = clock.Elapsed.TotalSeconds;
            var (testLoss, testAccuracy) = Evaluate(test);
            var r = new EpochResult(epoch, lossMean.Mean, (double)correct / seen, testLoss, testAccuracy, seconds, seen / seconds);
            results.Add(r);
            options.Log.WriteLine($"epoch {epoch}: train loss {r.TrainLoss:F4} acc {r.TrainAccuracy:P2} | test loss {r.TestLoss:F4} acc {r.TestAccuracy:P2} | {r.Seconds:F1} s, {r.ImagesPerSecond:F0} images/s");
            history.Add("train loss", r.TrainLoss); history.Add("test loss", r.TestLoss);
            history.Add("train accuracy", r.TrainAccuracy); history.Add("test accuracy", r.TestAccuracy);
            keeper?.Save(ModelCheckpoint.Capture(_model, new Dictionary<string, string> { ["epoch"] = epoch.ToString(), ["test_accuracy"] = testAccuracy.ToString("R") }), testAccuracy);
            if (stopping is not null && stopping.Update(epoch, testAccuracy))
            {
                options.Log.WriteLine($"early stop: no test-accuracy gain for {stopping.Patience} epochs (best {stopping.Best:P2} at epoch {stopping.BestEpoch})");
                break;
            }
        }
        if (options.OutputDirectory is { } outDir)
            foreach (var path in history.SavePlots(outDir)) options.Log.WriteLine($"wrote {path}");
        return results;
    }

    /// <summary>The first <c>count</c> samples of a source.</summary>
    private sealed class Prefix(ISampleSource inner, int count) : ISampleSource
    {
        public int Count => count;
        public int Channels => inner.Channels;
        public int Height => inner.Height;
        public int Width => inner.Width;
        public int CopySample(int index, Span<float> destination) => inner.CopySample(index, destination);
    }
}
