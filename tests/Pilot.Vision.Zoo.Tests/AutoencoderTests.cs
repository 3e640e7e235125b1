using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Data;
using Pilot.Vision.Zoo.Generative;

namespace Pilot.Vision.Zoo.Tests;

public class AutoencoderTests
{
    [Fact]
    public void ReconstructsTheInputShapeAndLowersTheDenoisingError()
    {
        // 16 synthetic 28x28 images: bright squares at different places on black
        var images = new float[16 * 28 * 28];
        for (int n = 0; n < 16; n++)
            for (int y = 4 + n % 4 * 3; y < 14 + n % 4 * 3; y++)
                for (int x = 4 + n / 4 * 3; x < 14 + n / 4 * 3; x++) images[n * 784 + y * 28 + x] = 1;
        var data = new ImageSet(images, new int[16], 1, 28, 28, ["square"]);
        var ae = new DenoisingAutoencoder(8, new CpuBackend(), width: 0.25f, seed: 1, learningRate: 3e-3f);
        Assert.Equal([1, 28, 28], ae.Spec.Output.Shape);
        double before = ae.Evaluate(data, 16, 5);
        int[] first = [0, 1, 2, 3, 4, 5, 6, 7], second = [8, 9, 10, 11, 12, 13, 14, 15];
        for (int step = 0; step < 30; step++) ae.Step(data, step % 2 == 0 ? first : second, (ulong)step);
        double after = ae.Evaluate(data, 16, 5);
        Assert.True(after < before * 0.7, $"reconstruction MSE {before} -> {after}");
        Assert.Equal(3 * 8 * 784, ae.Triptych().Length);
    }
}
