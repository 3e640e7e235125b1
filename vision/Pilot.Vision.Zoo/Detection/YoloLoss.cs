using Pilot.Vision.Losses;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Zoo.Detection;

/// <summary>The YOLO loss terms of one batch, each already weighted and divided by the batch size.</summary>
public readonly record struct YoloLossTerms(double Coordinates, double Objectness, double NoObject, double Classes)
{
    public double Total => Coordinates + Objectness + NoObject + Classes;
}

/// <summary>
/// The YOLOv2-style loss on a <see cref="YoloGrid"/> head, per image and summed over the grid (Redmon et al. 2016,
/// eq. 3, with the v2 parameterisation and the later logistic/softmax terms):
/// responsible anchors: coord * [(sigmoid(tx) - ox)^2 + (sigmoid(ty) - oy)^2 + (tw - tw*)^2 + (th - th*)^2]
/// + BCE(objectness, 1) + softmax cross-entropy of the class; every other anchor: noobj * BCE(objectness, 0).
/// The sum is divided by the batch size. Prediction [N, A*(5+C), S, S], target [N, A, S, S, 6] from <see cref="YoloGrid.Encode"/>.
/// </summary>
public sealed class YoloLoss(YoloGrid grid, float coordinateWeight = 5f, float noObjectWeight = 0.5f) : ILoss
{
    public YoloGrid Grid { get; } = grid;
    public float CoordinateWeight { get; } = coordinateWeight;   // lambda_coord = 5 (YOLOv1 sec. 2.2)
    public float NoObjectWeight { get; } = noObjectWeight;       // lambda_noobj = 0.5: most cells hold no object
    public YoloLossTerms LastTerms { get; private set; }

    public float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient)
    {
        int n = prediction.Dim(0), s = Grid.GridSize, plane = s * s, fields = Grid.Fields, classes = Grid.Classes;
        if (prediction.Length != n * Grid.Channels * plane)
            throw new ArgumentException($"YOLO loss: prediction {ShapeMath.Format(prediction.Shape)} must be [N, {Grid.Channels}, {s}, {s}]");
        if (target.Length != n * Grid.TargetLengthPerImage)
            throw new ArgumentException($"YOLO loss: {target.Length} target floats, needs {n * Grid.TargetLengthPerImage} ([{n}, {Grid.Anchors.Length}, {s}, {s}, 6])");
        var p = prediction.Span; var g = gradient.Span;
        g.Clear();
        double coord = 0, obj = 0, noobj = 0, cls = 0;
        float inv = 1f / n;
        Span<float> logp = stackalloc float[classes];
        Span<float> logits = stackalloc float[classes];
        for (int b = 0; b < n; b++)
            for (int a = 0; a < Grid.Anchors.Length; a++)
                for (int cell = 0; cell < plane; cell++)
                {
                    int At(int field) => ((b * Grid.Anchors.Length + a) * fields + field) * plane + cell;
                    var t = target.Slice((((b * Grid.Anchors.Length + a) * plane) + cell) * YoloGrid.TargetFields, YoloGrid.TargetFields);
                    float z = p[At(4)], sz = YoloGrid.Sigmoid(z);
                    if (t[0] == 0)
                    {
                        noobj += NoObjectWeight * Bce(z, 0);
                        g[At(4)] = NoObjectWeight * sz * inv;
                        continue;
                    }
                    obj += Bce(z, 1);
                    g[At(4)] = (sz - 1) * inv;
                    for (int k = 0; k < 2; k++)
                    {
                        float sx = YoloGrid.Sigmoid(p[At(k)]), d = sx - t[1 + k];
                        coord += CoordinateWeight * d * d;
                        g[At(k)] = CoordinateWeight * 2 * d * sx * (1 - sx) * inv;
                    }
                    for (int k = 2; k < 4; k++)
                    {
                        float d = p[At(k)] - t[1 + k];
                        coord += CoordinateWeight * d * d;
                        g[At(k)] = CoordinateWeight * 2 * d * inv;
                    }
                    for (int c = 0; c < classes; c++) logits[c] = p[At(5 + c)];
                    Ops.Softmax.Row(logits, logp, log: true);
                    int label = (int)t[5];
                    cls -= logp[label];
                    for (int c = 0; c < classes; c++) g[At(5 + c)] = (MathF.Exp(logp[c]) - (c == label ? 1 : 0)) * inv;
                }
        LastTerms = new YoloLossTerms(coord / n, obj / n, noobj / n, cls / n);
        return (float)LastTerms.Total;
    }

    /// <summary>Binary cross-entropy of logit z against t, in the stable form max(z, 0) - z t + log(1 + exp(-|z|)).</summary>
    private static double Bce(float z, float t) => Math.Max(z, 0) - z * t + Math.Log(1 + Math.Exp(-Math.Abs(z)));
}
