using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Optimizers;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Segmentation;

namespace Pilot.Vision.Zoo.Tests;

public class FcnTests
{
    private static readonly CpuBackend Cpu = new();

    [Fact]
    public void BilinearKernelOfAFactorTwoUpsampler()
    {
        var w = new float[1 * 1 * 4 * 4];
        new BilinearInitializer().Fill(w, [1, 1, 4, 4], 16, 16, new Random(0));
        // f = 2, c = 0.75: 1-D weights 0.25, 0.75, 0.75, 0.25
        float[] row = [0.25f, 0.75f, 0.75f, 0.25f];
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) Assert.Equal(row[y] * row[x], w[y * 4 + x], 6);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(16)]
    [InlineData(8)]
    public void ScoresComeBackAtTheInputSizeAndTrain(int stride)
    {
        var spec = Fcn.Build(stride, new ArchitectureOptions { Classes = 3, InputSize = 32, Width = 1f / 16 });
        Assert.Equal([3, 32, 32], spec.Output.Shape);
        var model = spec.Build(2, Cpu, seed: 1);
        var r = new Random(3);
        var x = model.Input.Span;
        for (int i = 0; i < x.Length; i++) x[i] = (float)r.NextDouble();
        var labels = new float[2 * 32 * 32];
        for (int i = 0; i < labels.Length; i++) labels[i] = (i % 32) < 16 ? 1 : i % 7 == 0 ? PixelSoftmaxCrossEntropy.VocVoid : 2;
        var loss = new PixelSoftmaxCrossEntropy();
        var adam = new Adam(model.Parameters, 1e-3f);
        float first = 0, last = 0;
        for (int step = 0; step < 10; step++)
        {
            model.Forward();
            last = loss.Compute(model.Output, labels, model.OutputGrad);
            if (step == 0) first = last;
            model.Backward();
            adam.Step();
        }
        Assert.True(last < first * 0.9f, $"FCN-{stride}s pixel loss {first} -> {last}");
    }
}
