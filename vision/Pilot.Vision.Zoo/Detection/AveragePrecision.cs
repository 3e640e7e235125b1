namespace Pilot.Vision.Zoo.Detection;

/// <summary>How a detection is matched to a ground truth.</summary>
public enum MatchRule
{
    /// <summary>VOC devkit: take the ground truth of highest IoU (matched or not); a hit needs IoU &gt; threshold and that truth still free.</summary>
    Voc,
    /// <summary>pycocotools: take the FREE ground truth of highest IoU; a hit needs IoU &gt;= threshold.</summary>
    Coco,
}

/// <summary>One class's precision/recall curve, detections in descending score order.</summary>
public sealed record PrecisionRecall(double[] Precision, double[] Recall, int Truths);

/// <summary>
/// Average precision of a detector. The curve is built per class by greedy matching in descending score (a stable
/// sort), each ground truth matched at most once. Three summaries: VOC2007 11-point, VOC2010+ all-point (area under
/// the monotone precision envelope), and COCO's 101-point interpolation averaged over IoU 0.50:0.05:0.95
/// (pycocotools COCOeval with area "all"; crowd and ignore flags are not modelled).
/// </summary>
public static class AveragePrecision
{
    public const int CocoMaxDetectionsPerImage = 100;   // COCOeval maxDets[-1]
    public static readonly double[] CocoIoUThresholds = Enumerable.Range(0, 10).Select(i => 0.5 + 0.05 * i).ToArray();

    public static PrecisionRecall Curve(IReadOnlyList<ScoredBox> detections, IReadOnlyList<ScoredBox> truths, int cls,
        double iouThreshold, MatchRule rule, int? maxPerImage = null)
    {
        var gts = truths.Where(t => t.Class == cls).GroupBy(t => t.Image).ToDictionary(g => g.Key, g => g.Select(t => t.Box).ToArray());
        int truthCount = gts.Values.Sum(a => a.Length);
        IEnumerable<ScoredBox> mine = detections.Where(d => d.Class == cls);
        if (maxPerImage is { } m) mine = mine.GroupBy(d => d.Image).SelectMany(g => g.OrderByDescending(d => d.Score).Take(m));
        var sorted = mine.Select((d, i) => (d, i)).OrderByDescending(x => x.d.Score).ThenBy(x => x.i).Select(x => x.d).ToArray();
        var used = gts.ToDictionary(kv => kv.Key, kv => new bool[kv.Value.Length]);
        var precision = new double[sorted.Length];
        var recall = new double[sorted.Length];
        int tp = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            var d = sorted[i];
            if (gts.TryGetValue(d.Image, out var boxes) && Match(d.Box, boxes, used[d.Image], iouThreshold, rule) is int hit and >= 0)
            {
                used[d.Image][hit] = true;
                tp++;
            }
            precision[i] = (double)tp / (i + 1);
            recall[i] = truthCount == 0 ? 0 : (double)tp / truthCount;
        }
        return new PrecisionRecall(precision, recall, truthCount);
    }

    private static int Match(in Box box, Box[] truths, bool[] used, double threshold, MatchRule rule)
    {
        int best = -1;
        double bestIoU = rule == MatchRule.Coco ? Math.Min(threshold, 1 - 1e-10) : -1;  // pycocotools' starting bar
        for (int g = 0; g < truths.Length; g++)
        {
            if (rule == MatchRule.Coco && used[g]) continue;
            double iou = Box.IoU(box, truths[g]);
            if (rule == MatchRule.Coco ? iou >= bestIoU : iou > bestIoU) { bestIoU = iou; best = g; }
        }
        if (best < 0) return -1;
        if (rule == MatchRule.Voc) return bestIoU > threshold && !used[best] ? best : -1;
        return best;
    }

    /// <summary>VOC2007: mean over recall levels 0, 0.1, ..., 1 of the best precision at recall at or above the level.</summary>
    public static double ElevenPoint(PrecisionRecall c)
    {
        double ap = 0;
        for (int i = 0; i <= 10; i++)
        {
            double t = i / 10.0, p = 0;
            for (int k = 0; k < c.Recall.Length; k++) if (c.Recall[k] >= t) p = Math.Max(p, c.Precision[k]);
            ap += p / 11;
        }
        return ap;
    }

    /// <summary>VOC2010+: area under the precision envelope (precision made non-increasing from the right) over recall.</summary>
    public static double AllPoint(PrecisionRecall c)
    {
        int n = c.Recall.Length;
        var mrec = new double[n + 2]; var mpre = new double[n + 2];
        mrec[n + 1] = 1;
        for (int i = 0; i < n; i++) { mrec[i + 1] = c.Recall[i]; mpre[i + 1] = c.Precision[i]; }
        for (int i = n; i >= 0; i--) mpre[i] = Math.Max(mpre[i], mpre[i + 1]);
        double ap = 0;
        for (int i = 0; i <= n; i++) if (mrec[i + 1] != mrec[i]) ap += (mrec[i + 1] - mrec[i]) * mpre[i + 1];
        return ap;
    }

    /// <summary>
    /// pycocotools: the envelope sampled at recall 0, 0.01, ..., 1 (the first curve point with recall at or above
    /// each level, 0 beyond the last), averaged over the 101 levels.
    /// </summary>
    public static double Coco101(PrecisionRecall c)
    {
        var env = (double[])c.Precision.Clone();
        for (int i = env.Length - 1; i > 0; i--) env[i - 1] = Math.Max(env[i - 1], env[i]);
        double sum = 0;
        int k = 0;
        for (int r = 0; r <= 100; r++)
        {
            double t = r / 100.0;
            while (k < c.Recall.Length && c.Recall[k] < t) k++;   // searchsorted(rc, t, side='left')
            if (k < env.Length) sum += env[k];
        }
        return sum / 101;
    }

    /// <summary>VOC mAP at one IoU threshold (0.5 by default): mean AP over the classes that have ground truths.</summary>
    public static double VocMap(IReadOnlyList<ScoredBox> detections, IReadOnlyList<ScoredBox> truths, bool elevenPoint, double iouThreshold = 0.5) =>
        Classes(truths).Select(c => Curve(detections, truths, c, iouThreshold, MatchRule.Voc))
            .Select(curve => elevenPoint ? ElevenPoint(curve) : AllPoint(curve)).DefaultIfEmpty(0).Average();

    /// <summary>COCO AP@[.50:.05:.95]: 101-point AP averaged over the ten IoU thresholds and over the classes with ground truths.</summary>
    public static double CocoMap(IReadOnlyList<ScoredBox> detections, IReadOnlyList<ScoredBox> truths, int maxPerImage = CocoMaxDetectionsPerImage) =>
        CocoIoUThresholds.Select(t => CocoMapAt(detections, truths, t, maxPerImage)).Average();

    /// <summary>COCO AP at one IoU threshold (AP50 at 0.5, AP75 at 0.75).</summary>
    public static double CocoMapAt(IReadOnlyList<ScoredBox> detections, IReadOnlyList<ScoredBox> truths, double iouThreshold, int maxPerImage = CocoMaxDetectionsPerImage) =>
        Classes(truths).Select(c => Coco101(Curve(detections, truths, c, iouThreshold, MatchRule.Coco, maxPerImage))).DefaultIfEmpty(0).Average();

    private static int[] Classes(IReadOnlyList<ScoredBox> truths) => truths.Select(t => t.Class).Distinct().Order().ToArray();
}
