using Pilot.Vision.Data.Metrics;
using Pilot.Vision.Tensors;
using Pilot.Vision.Zoo.Segmentation;

namespace Pilot.Vision.Zoo.Tests;

public class SegmentationTests
{
    [Fact]
    public void PixelCrossEntropySkipsVoidPixels()
    {
        var logits = Tensor.Create("z", 1, 2, 1, 2);
        var grad = Tensor.Create("g", 1, 2, 1, 2);
        var loss = new PixelSoftmaxCrossEntropy().Compute(logits, [0, 255], grad);
        Assert.Equal(MathF.Log(2), loss, 6);
        Assert.Equal([-0.5f, 0f, 0.5f, 0f], grad.ToArray());   // [class 0: px0, px1, class 1: px0, px1]
    }

    [Fact]
    public void PixelCrossEntropyRefusesALabelOutsideTheClasses()
    {
        var logits = Tensor.Create("z", 1, 2, 1, 1);
        var e = Assert.Throws<ArgumentException>(() => new PixelSoftmaxCrossEntropy().Compute(logits, [3], Tensor.Create("g", 1, 2, 1, 1)));
        Assert.Contains("label 3", e.Message);
    }

    [Fact]
    public void MeanIoUFromTheConfusionMatrix()
    {
        // truth 0 0 1 1, predicted 0 1 1 1: IoU_0 = 1/2, IoU_1 = 2/3
        float[] logits = [1, 0, 0, 0, /* class 1 */ 0, 1, 1, 1];
        var cm = new ConfusionMatrix(3);
        SegmentationMetrics.Accumulate(cm, logits.Concat(new float[4]).ToArray(), [0, 0, 1, 1], 1, 2, 2);
        Assert.Equal(0.5, SegmentationMetrics.IoU(cm, 0), 9);
        Assert.Equal(2.0 / 3, SegmentationMetrics.IoU(cm, 1), 9);
        Assert.True(double.IsNaN(SegmentationMetrics.IoU(cm, 2)));          // absent class: left out of the mean
        Assert.Equal(7.0 / 12, SegmentationMetrics.MeanIoU(cm), 9);
        Assert.Equal(0.75, SegmentationMetrics.PixelAccuracy(cm), 9);
    }
}
