namespace Pilot.Vision.Zoo.Detection;

/// <summary>How <see cref="NonMaxSuppression.Run"/> prunes: the defaults are torchvision's / YOLO's usual ones.</summary>
public sealed record NmsOptions
{
    /// <summary>A box overlapping a kept box of the same class by more than this IoU is dropped.</summary>
    public float IoUThreshold { get; init; } = 0.5f;
    /// <summary>Boxes scoring below this never enter (YOLO's confidence threshold).</summary>
    public float ScoreThreshold { get; init; } = 0.001f;
    /// <summary>At most this many detections survive in total, best first (COCO evaluates 100 per image).</summary>
    public int MaxDetections { get; init; } = 100;
    /// <summary>Suppress only within a class (true, torchvision batched_nms) or across all classes.</summary>
    public bool PerClass { get; init; } = true;
}

/// <summary>Greedy non-maximum suppression (Felzenszwalb et al.; torchvision.ops.nms semantics: drop IoU &gt; threshold).</summary>
public static class NonMaxSuppression
{
    /// <summary>The kept detections, highest score first; ties keep input order (a stable sort).</summary>
    public static List<ScoredBox> Run(IReadOnlyList<ScoredBox> detections, NmsOptions? options = null)
    {
        options ??= new NmsOptions();
        var order = Enumerable.Range(0, detections.Count)
            .Where(i => detections[i].Score >= options.ScoreThreshold)
            .OrderByDescending(i => detections[i].Score).ToList();
        var kept = new List<ScoredBox>();
        foreach (int i in order)
        {
            if (kept.Count == options.MaxDetections) break;
            var d = detections[i];
            bool suppressed = false;
            foreach (var k in kept)
                if ((!options.PerClass || k.Class == d.Class) && k.Image == d.Image && Box.IoU(k.Box, d.Box) > options.IoUThreshold)
                {
                    suppressed = true;
                    break;
                }
            if (!suppressed) kept.Add(d);
        }
        return kept;
    }
}
