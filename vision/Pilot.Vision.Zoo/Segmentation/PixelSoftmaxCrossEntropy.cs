using Pilot.Vision.Losses;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Zoo.Segmentation;

/// <summary>
/// Per-pixel softmax cross-entropy for dense labelling (FCN, Long et al. 2015): logits [N, K, H, W], targets [N, H, W]
/// as class indices; pixels labelled <see cref="IgnoreLabel"/> (VOC's 255 "void" border) count for nothing. Loss =
/// mean over counted pixels of -log softmax; gradient (p - onehot) / counted, 0 on ignored pixels.
/// </summary>
public sealed class PixelSoftmaxCrossEntropy(int ignoreLabel = PixelSoftmaxCrossEntropy.VocVoid) : ILoss
{
    public const int VocVoid = 255;   // PASCAL VOC marks object borders and difficult regions 255
    public int IgnoreLabel { get; } = ignoreLabel;

    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        if (prediction.Rank != 4) throw new ArgumentException($"pixel cross-entropy: logits must be [N, K, H, W], got {ShapeMath.Format(prediction.Shape)}");
        int n = prediction.Dim(0), k = prediction.Dim(1), plane = prediction.Dim(2) * prediction.Dim(3);
        if (target.Length != n * plane) throw new ArgumentException($"pixel cross-entropy: {target.Length} labels for logits {ShapeMath.Format(prediction.Shape)} (needs {n * plane})");
        var z = prediction.Span; var g = gradient.Span;
        Span<float> column = stackalloc float[k];
        Span<float> logp = stackalloc float[k];
        int counted = 0;
        for (int i = 0; i < target.Length; i++) if ((int)target[i] != IgnoreLabel) counted++;
        g.Clear();
        if (counted == 0) return 0;
        double total = 0;
        for (int b = 0; b < n; b++)
            for (int p = 0; p < plane; p++)
            {
                int label = (int)target[b * plane + p];
                if (label == IgnoreLabel) continue;
                if (label < 0 || label >= k || label != target[b * plane + p])
                    throw new ArgumentException($"pixel cross-entropy: label {target[b * plane + p]} at image {b}, pixel {p} is not a class in 0..{k - 1} nor {IgnoreLabel}");
                for (int c = 0; c < k; c++) column[c] = z[(b * k + c) * plane + p];
                Ops.Softmax.Row(column, logp, log: true);
                total -= logp[label];
                for (int c = 0; c < k; c++) g[(b * k + c) * plane + p] = (MathF.Exp(logp[c]) - (c == label ? 1 : 0)) / counted;
            }
        return (float)(total / counted);
    }
}
