using Pilot.Vision.Losses;
using Pilot.Vision.Scenes.Dataset;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Driving;

/// <summary>
/// The driving network's training loss over predictions [N, <see cref="DrivingOutputs.Length"/>] and label vectors
/// [N, <see cref="LabelVector.Length"/>]: Laplace negative log-likelihood with predicted scale for every regression
/// (lane lines only where the line exists, the lead only where there is one), binary cross-entropy from logits for
/// line and lead presence. Each term is a mean over its own elements, the terms are summed, and the result is the
/// mean over the batch.
/// </summary>
public sealed class DrivingLoss : ILoss
{
    /// <summary>Log-scales are clamped to ±this in the loss: a scale of e⁻⁸ m or e⁸ m is never right, and the clamp
    /// keeps exp(−s) finite while the first steps are wild.</summary>
    public const float MaxLogScale = 8;

    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        int n = prediction.Dim(0);
        if (prediction.Length != n * DrivingOutputs.Length || target.Length != n * LabelVector.Length)
            throw new ArgumentException($"driving loss: predictions {ShapeMath.Format(prediction.Shape)} must be [N, {DrivingOutputs.Length}] and targets [N, {LabelVector.Length}]; got {target.Length} targets");
        var p = prediction.Span;
        var g = gradient.Span;
        g.Clear();
        double total = 0;
        for (int s = 0; s < n; s++)
            total += Sample(p.Slice(s * DrivingOutputs.Length, DrivingOutputs.Length), target.Slice(s * LabelVector.Length, LabelVector.Length),
                g.Slice(s * DrivingOutputs.Length, DrivingOutputs.Length), 1f / n);
        return (float)total;  // the weights already hold the 1/N of the batch mean
    }

    private static double Sample(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> g, float batchWeight)
    {
        const int points = DrivingOutputs.Points;
        double loss = 0;
        int present = 0;
        for (int k = 0; k < DrivingOutputs.Lines; k++) if (y[LabelVector.LaneLineProbs + k] > 0.5f) present++;
        for (int k = 0; k < DrivingOutputs.Lines; k++)
            if (y[LabelVector.LaneLineProbs + k] > 0.5f)
                loss += Laplace(p, y, g, DrivingOutputs.LaneMean + k * points, DrivingOutputs.LaneScale + k * points,
                    LabelVector.LaneLines + k * points, points, 1f, batchWeight / (present * points));
        loss += Bce(p, y, g, DrivingOutputs.LaneProb, LabelVector.LaneLineProbs, DrivingOutputs.Lines, batchWeight / DrivingOutputs.Lines);
        loss += Laplace(p, y, g, DrivingOutputs.EdgeMean, DrivingOutputs.EdgeScale, LabelVector.RoadEdges,
            DrivingOutputs.Edges * points, 1f, batchWeight / (DrivingOutputs.Edges * points));
        loss += Laplace(p, y, g, DrivingOutputs.PathMean, DrivingOutputs.PathScale, LabelVector.Path, points, 1f, batchWeight / points);
        loss += Bce(p, y, g, DrivingOutputs.LeadProb, LabelVector.Lead, 1, batchWeight);
        if (y[LabelVector.Lead] > 0.5f)
            for (int j = 0; j < 4; j++)
                loss += Laplace(p, y, g, DrivingOutputs.LeadMean + j, DrivingOutputs.LeadScale + j, LabelVector.Lead + 1 + j, 1,
                    1 / DrivingOutputs.LeadUnits[j], batchWeight / 4);
        return loss;
    }

    /// <summary>Laplace NLL of <paramref name="count"/> targets (scaled by <paramref name="unit"/>) against means and
    /// log-scales, times <paramref name="weight"/> (which holds the term's and the batch's averaging); adds its gradient.</summary>
    private static double Laplace(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> g, int mean, int scale, int target, int count, float unit, float weight)
    {
        double loss = 0;
        for (int i = 0; i < count; i++)
        {
            float mu = p[mean + i], rawS = p[scale + i], s = Math.Clamp(rawS, -MaxLogScale, MaxLogScale);
            float error = y[target + i] * unit - mu, invB = MathF.Exp(-s);
            loss += s + MathF.Log(2) + MathF.Abs(error) * invB;
            g[mean + i] += -MathF.Sign(error) * invB * weight;
            if (s == rawS) g[scale + i] += (1 - MathF.Abs(error) * invB) * weight;
        }
        return loss * weight;
    }

    /// <summary>Binary cross-entropy from logits times <paramref name="weight"/>; adds its gradient.</summary>
    private static double Bce(ReadOnlySpan<float> p, ReadOnlySpan<float> y, Span<float> g, int logits, int target, int count, float weight)
    {
        double loss = 0;
        for (int i = 0; i < count; i++)
        {
            float z = p[logits + i], t = y[target + i];
            loss += MathF.Max(z, 0) - z * t + MathF.Log(1 + MathF.Exp(-MathF.Abs(z)));
            g[logits + i] += (DrivingOutputs.Sigmoid(z) - t) * weight;
        }
        return loss * weight;
    }
}
