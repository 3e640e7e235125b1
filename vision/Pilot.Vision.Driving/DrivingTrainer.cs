using System.Globalization;
using Pilot.Vision.Data.Checkpoints;
using Pilot.Vision.Data.Training;
using Pilot.Vision.Models;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;
using Pilot.Vision.Training;

namespace Pilot.Vision.Driving;

/// <summary>How <see cref="DrivingTrainer"/> runs.</summary>
public sealed record DrivingTrainingOptions
{
    public int Epochs { get; init; } = 10;
    /// <summary>Optimiser steps per epoch (with generated data there is no natural epoch).</summary>
    public int StepsPerEpoch { get; init; } = 500;
    public float LearningRate { get; init; } = 1e-3f;
    /// <summary>Gradient norm clip; the Laplace terms' gradients are large while scales are small.</summary>
    public float ClipNorm { get; init; } = 5f;
    public ulong Seed { get; init; } = 1;
    /// <summary>Held-out samples, generated from their own seed so they never appear in training.</summary>
    public int ValidationSamples { get; init; } = 256;
    /// <summary>Checkpoints (lanes.last.ckpt, lanes.best.ckpt) and loss curves go here (null: nowhere).</summary>
    public string? OutputDirectory { get; init; }
    public TextWriter Log { get; init; } = Console.Out;
    public bool Interactive { get; init; } = !Console.IsOutputRedirected;
}

/// <summary>
/// Trains the driving network: batches filled in parallel from an <see cref="IDrivingSamples"/> source, Adam with a
/// cosine schedule and gradient clipping, validation loss and <see cref="DrivingEvaluation"/> after each epoch, the best
/// and last checkpoints kept, loss curves as PNG. Resumes from the last checkpoint in the output folder (weights and
/// step count; the optimiser's moments restart).
/// </summary>
public sealed class DrivingTrainer
{
    /// <summary>Seed offset of the held-out set: a different stream from any training seed.</summary>
    public const ulong ValidationSeedOffset = 0x5EED_0F_7E57;

    private readonly Model _model;
    private readonly DrivingTrainingOptions _options;
    private readonly DrivingLoss _loss = new();
    private readonly Adam _optimizer;
    private readonly byte[] _bytes;    // [batch, 12, 128, 256]
    private readonly float[] _labels;  // [batch, LabelVector.Length]

    public DrivingTrainer(Model model, DrivingTrainingOptions options)
    {
        _model = model;
        _options = options;
        _optimizer = new Adam(model.Parameters, options.LearningRate);
        _bytes = new byte[model.Batch * ModelInput.Size];
        _labels = new float[model.Batch * LabelVector.Length];
    }

    public IReadOnlyList<(int Epoch, double TrainLoss, double ValidationLoss)> Fit(IDrivingSamples training)
    {
        using var validation = new GeneratedSamples(_options.Seed + ValidationSeedOffset);
        var history = new TrainingHistory();
        var results = new List<(int, double, double)>();
        BestCheckpointKeeper? keeper = _options.OutputDirectory is null ? null
            : new BestCheckpointKeeper(_options.OutputDirectory, "validation loss", MetricMode.Min, prefix: "lanes");
        int startEpoch = Resume(keeper);
        int totalSteps = _options.Epochs * _options.StepsPerEpoch;
        // A short linear warm-up: Adam's first steps on a fresh network with Laplace terms are otherwise violent.
        int warmUp = Math.Min(200, totalSteps / 20);
        var schedule = new WarmUp(new CosineDecay(_options.LearningRate, Math.Max(1, totalSteps - warmUp)), Math.Max(1, warmUp));
        for (int epoch = startEpoch; epoch < _options.Epochs; epoch++)
        {
            var bar = new ProgressBar($"epoch {epoch + 1}/{_options.Epochs}", _options.StepsPerEpoch, _options.Log, _options.Interactive);
            double sum = 0;
            _model.Training = true;
            for (int step = 0; step < _options.StepsPerEpoch; step++)
            {
                int global = epoch * _options.StepsPerEpoch + step;
                _optimizer.LearningRate = schedule.Rate(global);
                sum += Step(training, (long)global * _model.Batch);
                bar.Report(step + 1, string.Create(CultureInfo.InvariantCulture, $"loss {sum / (step + 1):F3}"));
            }
            var (validationLoss, evaluation) = Evaluate(validation, _options.ValidationSamples);
            double trainLoss = sum / _options.StepsPerEpoch;
            results.Add((epoch + 1, trainLoss, validationLoss));
            history.Add("train loss", trainLoss);
            history.Add("validation loss", validationLoss);
            _options.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1}: train loss {trainLoss:F4}, validation loss {validationLoss:F4}"));
            _options.Log.WriteLine(evaluation.Report());
            if (keeper is not null)
            {
                var metadata = new Dictionary<string, string> { ["epoch"] = (epoch + 1).ToString(CultureInfo.InvariantCulture), ["seed"] = _options.Seed.ToString(CultureInfo.InvariantCulture) };
                keeper.Save(ModelCheckpoint.Capture(_model, metadata), validationLoss);
                history.SavePlots(_options.OutputDirectory!);
            }
        }
        return results;
    }

    /// <summary>One optimiser step on the batch starting at sample <paramref name="first"/>; returns its loss.</summary>
    public float Step(IDrivingSamples samples, long first)
    {
        Fill(samples, first % samples.Count);
        _model.Forward();
        float loss = _loss.Compute(_model.Output, _labels, _model.OutputGrad);
        _model.Backward();
        GradientClipping.ByNorm(_model.Parameters, _options.ClipNorm);
        _optimizer.Step();
        return loss;
    }

    /// <summary>Mean loss and the evaluation figures over the first <paramref name="count"/> samples, in evaluation mode
    /// (whole batches: <paramref name="count"/> is rounded down to a multiple of the batch).</summary>
    public (double Loss, DrivingEvaluation Evaluation) Evaluate(IDrivingSamples samples, int count)
    {
        bool was = _model.Training;
        _model.Training = false;
        var evaluation = new DrivingEvaluation();
        double total = 0;
        int batches = Math.Max(1, count / _model.Batch);
        for (int b = 0; b < batches; b++)
        {
            Fill(samples, (long)b * _model.Batch);
            _model.Forward();
            total += _loss.Compute(_model.Output, _labels, _model.OutputGrad);
            var output = _model.Output.Span;
            for (int s = 0; s < _model.Batch; s++)
                evaluation.Add(output.Slice(s * DrivingOutputs.Length, DrivingOutputs.Length), _labels.AsSpan(s * LabelVector.Length, LabelVector.Length));
        }
        _model.Training = was;
        return (total / batches, evaluation);
    }

    private void Fill(IDrivingSamples samples, long first)
    {
        int batch = _model.Batch;
        Parallel.For(0, batch, s => samples.Read((first + s) % samples.Count, _bytes.AsSpan(s * ModelInput.Size, ModelInput.Size),
            _labels.AsSpan(s * LabelVector.Length, LabelVector.Length)));
        var input = _model.Input.Span;
        for (int i = 0; i < _bytes.Length; i++) input[i] = _bytes[i];  // the network rescales 0..255 itself
    }

    private int Resume(BestCheckpointKeeper? keeper)
    {
        if (keeper is null || !File.Exists(keeper.LastPath)) return 0;
        var checkpoint = Checkpoint.Load(keeper.LastPath, ModelCheckpoint.Specs(_model));
        ModelCheckpoint.Restore(_model, checkpoint);
        int epoch = int.Parse(checkpoint.Metadata.GetValueOrDefault("epoch", "0"), CultureInfo.InvariantCulture);
        _options.Log.WriteLine($"resuming from {keeper.LastPath} after epoch {epoch}");
        return epoch;
    }
}
