using Pilot.Vision.Data.Metrics;

namespace Pilot.Vision.Zoo.Segmentation;

/// <summary>
/// Dense-labelling metrics on a confusion matrix over pixels (rows: true class, columns: predicted):
/// IoU_c = TP / (TP + FP + FN); mean IoU averages over classes that occur in truth or prediction (FCN's metric).
/// </summary>
public static class SegmentationMetrics
{
    /// <summary>Adds the argmax of logits [N, K, H, W] against labels [N, H, W]; labels equal to <paramref name="ignoreLabel"/> are skipped.</summary>
    public static void Accumulate(ConfusionMatrix confusion, ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int n, int height, int width,
        int ignoreLabel = PixelSoftmaxCrossEntropy.VocVoid)
    {
        int k = confusion.Classes, plane = height * width;
        if (logits.Length != n * k * plane || labels.Length != n * plane)
            throw new ArgumentException($"segmentation metrics: {logits.Length} logits and {labels.Length} labels do not match [{n}, {k}, {height}, {width}]");
        for (int b = 0; b < n; b++)
            for (int p = 0; p < plane; p++)
            {
                int label = labels[b * plane + p];
                if (label == ignoreLabel) continue;
                int best = 0;
                float bestValue = logits[b * k * plane + p];
                for (int c = 1; c < k; c++)
                {
                    float v = logits[(b * k + c) * plane + p];
                    if (v > bestValue) { bestValue = v; best = c; }
                }
                confusion.Add(label, best);
            }
    }

    /// <summary>IoU of class <paramref name="c"/>; NaN when the class appears in neither truth nor prediction.</summary>
    public static double IoU(ConfusionMatrix confusion, int c)
    {
        long tp = confusion[c, c], row = 0, col = 0;
        for (int j = 0; j < confusion.Classes; j++) { row += confusion[c, j]; col += confusion[j, c]; }
        long union = row + col - tp;
        return union == 0 ? double.NaN : (double)tp / union;
    }

    public static double MeanIoU(ConfusionMatrix confusion) =>
        Enumerable.Range(0, confusion.Classes).Select(c => IoU(confusion, c)).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Average();

    /// <summary>Pixel accuracy: correctly labelled pixels over counted pixels.</summary>
    public static double PixelAccuracy(ConfusionMatrix confusion) => confusion.Accuracy;
}
