using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;

namespace Pilot.Vision.Driving.Tests;

public class DrivingTrainingTests
{
    /// <summary>A small fixed set of generated samples, rendered once.</summary>
    private sealed class FixedSamples : IDrivingSamples
    {
        private readonly byte[][] _inputs;
        private readonly float[][] _labels;

        public FixedSamples(ulong seed, int count)
        {
            using var generated = new GeneratedSamples(seed);
            _inputs = new byte[count][];
            _labels = new float[count][];
            for (int i = 0; i < count; i++)
            {
                _inputs[i] = new byte[ModelInput.Size];
                _labels[i] = new float[LabelVector.Length];
                generated.Read(i, _inputs[i], _labels[i]);
            }
        }

        public long Count => _inputs.Length;

        public void Read(long index, Span<byte> input, Span<float> labels)
        {
            _inputs[index].CopyTo(input);
            _labels[index].CopyTo(labels);
        }
    }

    [Fact]
    public void The_network_has_the_reference_size_and_the_driving_head()
    {
        var model = DrivingNet.Create(batch: 1);
        model.Build(new CpuBackend());
        // The reference network's 1,261,819 parameters, with the 571-wide output replaced by 475: 256 × 96 fewer weights and 96 fewer biases.
        Assert.Equal(1_261_819 - 257 * (571 - DrivingOutputs.Length), model.ParameterCount);
    }

    [Fact]
    public void A_short_training_run_lowers_the_held_out_loss()
    {
        var model = DrivingNet.Create(batch: 4);
        model.Build(new CpuBackend(), seed: 1);
        var trainer = new DrivingTrainer(model, new DrivingTrainingOptions { LearningRate = 2e-3f, Log = TextWriter.Null });
        var training = new FixedSamples(seed: 21, count: 8);
        var heldOut = new FixedSamples(seed: 22, count: 8);
        double before = trainer.Evaluate(heldOut, 8).Loss;
        for (int step = 0; step < 12; step++) trainer.Step(training, step * 4L);
        double after = trainer.Evaluate(heldOut, 8).Loss;
        Assert.True(after < 0.8 * before, $"held-out loss {before:F3} → {after:F3}");
    }
}
