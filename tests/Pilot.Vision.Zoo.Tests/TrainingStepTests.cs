using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Losses;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Training;

namespace Pilot.Vision.Zoo.Tests;

public class TrainingStepTests
{
    // Two threads on every machine: the same numbers everywhere (split-k GEMMs sum one partial product per thread), and
    // the parallel kernels are exercised. A race in the GEMM's small-batch path once added the dense layers' products
    // once or twice depending on thread timing, which made these losses differ from run to run.
    private static readonly CpuBackend Cpu = new(threads: 2);

    // One member of every family, width-reduced at a small input: a few Adam steps on one fixed batch must lower the loss.
    [Theory]
    [InlineData("lenet5-classic")]
    [InlineData("alexnet")]
    [InlineData("alexnet-original")]
    [InlineData("vgg11_bn")]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    [InlineData("se_resnet50")]
    [InlineData("googlenet")]
    [InlineData("xception")]
    [InlineData("inception_v3")]
    [InlineData("mobilenet_v1")]
    [InlineData("mobilenet_v2")]
    public void AFewStepsLowerTheLoss(string name)
    {
        var spec = Catalog.Build(name, TestSizes.Tiny(name) with { Classes = 3 });
        const int batch = 4;
        const int Steps = 18, TrainingModePasses = 8;
        var model = spec.Build(batch, Cpu, seed: 1);
        ILoss loss = spec.Heads.Count > 0 ? new WeightedHeadsLoss(spec.Heads) : new SoftmaxCrossEntropy();
        var optimizer = new Adam(model.Parameters, 1e-3f);
        var random = new Random(5);
        var input = model.Input.Span;
        for (int i = 0; i < input.Length; i++) input[i] = (float)random.NextDouble();
        float[] labels = [0, 1, 2, 1];
        // Without batch norm the evaluation-mode loss is deterministic (dropout off), so it is compared end to end. With
        // batch norm the running statistics lag behind a dozen steps, so the training-mode loss is; on a batch of 4 it
        // jumps from forward to forward (dropout), so it is taken as the mean of several forwards at the same weights.
        bool deterministic = !spec.Nodes.Any(n => n.Kind == "BatchNorm");
        float Loss()
        {
            model.Training = !deterministic;
            int passes = deterministic ? 1 : TrainingModePasses;
            float sum = 0;
            for (int i = 0; i < passes; i++)
            {
                model.Forward();
                sum += loss.Compute(model.Output, labels, model.OutputGrad);
            }
            model.Training = true;
            return sum / passes;
        }
        float first = Loss();
        var losses = new List<float>();
        for (int step = 0; step < Steps; step++)
        {
            model.Forward();
            losses.Add(loss.Compute(model.Output, labels, model.OutputGrad));
            model.Backward();
            optimizer.Step();
        }
        float last = Loss();
        Assert.All(losses, l => Assert.True(float.IsFinite(l)));
        float factor = deterministic ? 0.97f : 0.9f;
        Assert.True(last < first * factor, $"{name}: loss {first} -> {last} (steps: {string.Join(", ", losses.Select(l => l.ToString("F3")))})");
    }

    [Fact]
    public void AuxiliaryHeadsAreWeightedPointThree()
    {
        var heads = GoogLeNet.Build(new ArchitectureOptions { Classes = 2, Width = 1f / 16, InputSize = 32 }).Heads;
        Assert.Equal([1f, 0.3f, 0.3f], heads.Select(h => h.Weight));
        // equal logits on every head: loss = (1 + 0.3 + 0.3) ln 2
        var z = Pilot.Vision.Tensors.Tensor.Create("z", 1, 6);
        var g = Pilot.Vision.Tensors.Tensor.Create("g", 1, 6);
        Assert.Equal(1.6f * MathF.Log(2), new WeightedHeadsLoss(heads).Compute(z, [1], g), 5);
        Assert.Equal([0.5f, -0.5f, 0.15f, -0.15f, 0.15f, -0.15f], g.ToArray());
    }
}
