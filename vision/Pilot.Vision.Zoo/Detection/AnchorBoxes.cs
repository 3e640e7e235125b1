namespace Pilot.Vision.Zoo.Detection;

/// <summary>An anchor (prior) box shape, in the same unit as the boxes it was chosen from.</summary>
public readonly record struct Anchor(float Width, float Height);

/// <summary>The anchors and how well they cover the boxes: mean over boxes of the best IoU with any anchor (YOLOv2's "Avg IOU").</summary>
public sealed record AnchorSelection(Anchor[] Anchors, double MeanIoU, int Iterations);

/// <summary>
/// Anchor selection by k-means on box shapes with distance d = 1 - IoU(box, centroid), both placed on one centre
/// (Redmon and Farhadi 2017, YOLOv2 sec. 2 "Dimension Clusters"): unlike Euclidean k-means, large boxes do not
/// dominate. Centroids start at k distinct boxes drawn with <c>seed</c>; an emptied cluster keeps its centroid.
/// </summary>
public static class AnchorBoxes
{
    public const int DefaultMaxIterations = 300;  // Lloyd iterations; shapes settle in tens on VOC/COCO-sized sets

    public static AnchorSelection KMeans(IReadOnlyList<(float Width, float Height)> shapes, int k, int seed, int maxIterations = DefaultMaxIterations)
    {
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "anchor count must be positive");
        if (shapes.Count < k) throw new ArgumentException($"k-means needs at least {k} boxes, got {shapes.Count}");
        for (int i = 0; i < shapes.Count; i++)
            if (!(shapes[i].Width > 0 && shapes[i].Height > 0))
                throw new ArgumentException($"box {i} has shape {shapes[i].Width}x{shapes[i].Height}; widths and heights must be positive");
        var random = new Random(seed);
        var pick = Enumerable.Range(0, shapes.Count).ToArray();
        random.Shuffle(pick);
        var centroids = pick.Take(k).Select(i => new Anchor(shapes[i].Width, shapes[i].Height)).ToArray();
        var assignment = new int[shapes.Count];
        Array.Fill(assignment, -1);
        int iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            bool changed = false;
            for (int i = 0; i < shapes.Count; i++)
            {
                int best = Nearest(shapes[i], centroids).Index;
                if (best != assignment[i]) { assignment[i] = best; changed = true; }
            }
            if (!changed) break;
            var sumW = new double[k]; var sumH = new double[k]; var count = new int[k];
            for (int i = 0; i < shapes.Count; i++)
            {
                sumW[assignment[i]] += shapes[i].Width; sumH[assignment[i]] += shapes[i].Height; count[assignment[i]]++;
            }
            for (int c = 0; c < k; c++)
                if (count[c] > 0) centroids[c] = new Anchor((float)(sumW[c] / count[c]), (float)(sumH[c] / count[c]));
        }
        Array.Sort(centroids, (a, b) => (a.Width * a.Height).CompareTo(b.Width * b.Height));
        return new AnchorSelection(centroids, MeanIoU(shapes, centroids), iteration);
    }

    /// <summary>Mean over boxes of the best centred IoU with any anchor.</summary>
    public static double MeanIoU(IReadOnlyList<(float Width, float Height)> shapes, IReadOnlyList<Anchor> anchors)
    {
        double sum = 0;
        foreach (var s in shapes) sum += Nearest(s, anchors).IoU;
        return shapes.Count == 0 ? 0 : sum / shapes.Count;
    }

    /// <summary>The anchor with the highest centred IoU (lowest 1 - IoU distance); the first on ties.</summary>
    public static (int Index, float IoU) Nearest((float Width, float Height) shape, IReadOnlyList<Anchor> anchors)
    {
        int best = 0;
        float bestIoU = -1;
        for (int a = 0; a < anchors.Count; a++)
        {
            float iou = Box.ShapeIoU(shape.Width, shape.Height, anchors[a].Width, anchors[a].Height);
            if (iou > bestIoU) { bestIoU = iou; best = a; }
        }
        return (best, bestIoU);
    }
}
