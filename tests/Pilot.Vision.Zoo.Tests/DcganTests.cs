using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Data;
using Pilot.Vision.Zoo.Generative;

namespace Pilot.Vision.Zoo.Tests;

public class DcganTests
{
    [Fact]
    public void StepsTrainBothNetworksAndKeepTheSharedWeightsInStep()
    {
        var images = new float[8 * 784];
        for (int n = 0; n < 8; n++) for (int k = 300; k < 480; k++) images[n * 784 + k] = 1;   // a bright band
        var data = new ImageSet(images, new int[8], 1, 28, 28, ["band"]);
        var gan = new Dcgan(4, new CpuBackend(), noise: 8, width: 1f / 8, seed: 1);
        Assert.Equal([1, 28, 28], gan.GeneratorSpec.Output.Shape);
        var before = gan.Generator.Parameters[0].Value.ToArray();
        var losses = new List<(float D, float G)>();
        for (int step = 0; step < 6; step++) losses.Add(gan.Step(data, step % 2 == 0 ? [0, 1, 2, 3] : [4, 5, 6, 7]));
        Assert.All(losses, l => Assert.True(float.IsFinite(l.D) && float.IsFinite(l.G)));
        Assert.True(losses[^1].D < losses[0].D, $"discriminator loss {losses[0].D} -> {losses[^1].D}");
        Assert.NotEqual(before, gan.Generator.Parameters[0].Value.ToArray());   // generator updates reach the sampling model
        var sample = gan.Sample();
        Assert.Equal(4 * 784, sample.Length);
        Assert.All(sample, v => Assert.InRange(v, 0f, 1f));
    }
}
