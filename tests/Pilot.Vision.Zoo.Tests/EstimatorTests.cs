using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Estimation;

namespace Pilot.Vision.Zoo.Tests;

public class EstimatorTests
{
    [Fact]
    public void Vgg16MultiplyAddsMatchTheHandSum()
    {
        // conv: sum of Cout*Cin*9*H*W over the 13 layers = 15,346,630,656; fc: 25088*4096 + 4096*4096 + 4096*1000 = 123,633,664
        var e = Estimator.Estimate(Catalog.Build("vgg16"));
        Assert.Equal(15_470_264_320L, e.MultiplyAdds);
        Assert.Equal(138_357_544L * 4, e.ParameterBytes);
    }

    [Fact]
    public void ConvolutionRowHoldsItsFormulaValues()
    {
        var e = Estimator.Estimate(LeNet.Classic(), batch: 2);
        var c1 = e.Layers.Single(l => l.Name == "c1");   // 6@5x5 on 1x32x32 -> 6x28x28
        Assert.Equal(156, c1.Parameters);
        Assert.Equal(2L * 6 * 28 * 28 * 25, c1.MultiplyAdds);
        Assert.Equal(2L * 6 * 28 * 28 * 4, c1.InferenceBytes);
        Assert.Equal(2L * (2 * 6 * 28 * 28 + 25 * 28 * 28) * 4, c1.TrainingBytes);   // output, gradient, im2col columns
        Assert.Contains("c1", Estimator.Table(e));
    }

    [Fact]
    public void TrainingEstimateIsCloseToWhatTheEngineAllocates()
    {
        var spec = Catalog.Build("resnet18", TestSizes.Tiny("resnet18"));
        var model = spec.Build(2, new ReferenceBackend());
        var e = Estimator.Estimate(spec, batch: 2, optimizerSlots: 0);
        double ratio = (double)e.TrainingBytes / model.AllocatedBytes;
        Assert.InRange(ratio, 0.75, 1.25);
    }
}
