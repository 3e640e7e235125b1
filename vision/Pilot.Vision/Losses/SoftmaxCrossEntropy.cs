using Pilot.Vision.Ops;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Losses;

/// <summary>
/// Softmax cross-entropy on logits [N, K], fused for stability (log-softmax, never log of a softmax). Targets are
/// class indices [N] (sparse) or distributions [N, K] (one-hot). Label smoothing e mixes the target with uniform:
/// q = (1 - e) t + e / K (Szegedy et al. 2016). Loss = mean over N of -sum q log p; gradient = (p - q) / N.
/// </summary>
public sealed class SoftmaxCrossEntropy(bool sparse = true, float labelSmoothing = 0) : ILoss
{
    public bool Sparse { get; } = sparse;
    public float LabelSmoothing { get; } = labelSmoothing is >= 0 and < 1 ? labelSmoothing : throw new ArgumentOutOfRangeException(nameof(labelSmoothing));

    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        int n = prediction.Dim(0), k = prediction.Length / n;
        int need = Sparse ? n : n * k;
        if (target.Length != need) throw new ArgumentException($"softmax cross-entropy: {target.Length} targets for predictions {ShapeMath.Format(prediction.Shape)} (needs {need})");
        var z = prediction.Span; var g = gradient.Span;
        double total = 0;
        float off = LabelSmoothing / k;
        for (int i = 0; i < n; i++)
        {
            var logp = g.Slice(i * k, k);
            Softmax.Row(z.Slice(i * k, k), logp, log: true);
            int label = -1;
            if (Sparse)
            {
                label = (int)target[i];
                if (label < 0 || label >= k || label != target[i]) throw new ArgumentException($"softmax cross-entropy: label {target[i]} of sample {i} is not a class index in 0..{k - 1}");
            }
            for (int j = 0; j < k; j++)
            {
                float t = Sparse ? (j == label ? 1 : 0) : target[i * k + j];
                float q = (1 - LabelSmoothing) * t + off;
                if (q != 0) total -= q * logp[j];
                logp[j] = (MathF.Exp(logp[j]) - q) / n;
            }
        }
        return (float)(total / n);
    }
}
