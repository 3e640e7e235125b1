using Pilot.Vision.Losses;
using Pilot.Vision.Ops;
using Pilot.Vision.Tensors;
using Pilot.Vision.Zoo.Architectures;

namespace Pilot.Vision.Zoo.Training;

/// <summary>
/// Softmax cross-entropy summed over classifier heads that sit side by side in one output [N, sum of widths]
/// (GoogLeNet's main and auxiliary classifiers): loss = sum over heads of weight * mean over N of -log p(label);
/// every head reads the same sparse labels [N].
/// </summary>
public sealed class WeightedHeadsLoss(IReadOnlyList<HeadSpec> heads) : ILoss
{
    public IReadOnlyList<HeadSpec> Heads { get; } = heads.Count > 0 ? heads : throw new ArgumentException("a weighted-heads loss needs at least one head");

    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        int n = prediction.Dim(0), width = prediction.Length / n;
        if (target.Length != n) throw new ArgumentException($"weighted heads: {target.Length} labels for {n} samples");
        if (Heads.Max(h => h.Offset + h.Width) > width) throw new ArgumentException($"weighted heads: heads reach past the {width} outputs per sample");
        var z = prediction.Span; var g = gradient.Span;
        g.Clear();
        double total = 0;
        foreach (var head in Heads)
        {
            for (int i = 0; i < n; i++)
            {
                int label = (int)target[i];
                if (label < 0 || label >= head.Width || label != target[i]) throw new ArgumentException($"weighted heads: label {target[i]} of sample {i} is not a class of head '{head.Name}' (0..{head.Width - 1})");
                var row = g.Slice(i * width + head.Offset, head.Width);
                Softmax.Row(z.Slice(i * width + head.Offset, head.Width), row, log: true);
                total -= head.Weight * row[label];
                for (int j = 0; j < head.Width; j++) row[j] = head.Weight * (MathF.Exp(row[j]) - (j == label ? 1 : 0)) / n;
            }
        }
        return (float)(total / n);
    }
}
