namespace Pilot.Vision.Zoo.Detection;

/// <summary>
/// An axis-aligned box in corner form (x1, y1) top-left, (x2, y2) bottom-right, in any consistent unit (pixels or
/// fractions of the image). Coordinates are continuous (area = (x2 - x1)(y2 - y1), as pycocotools; not the VOC
/// devkit's +1 pixel convention).
/// </summary>
public readonly record struct Box(float X1, float Y1, float X2, float Y2)
{
    /// <summary>From centre form (cx, cy, w, h), the form YOLO predicts.</summary>
    public static Box FromCenter(float cx, float cy, float w, float h) => new(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);

    public float Width => X2 - X1;
    public float Height => Y2 - Y1;
    public float CenterX => (X1 + X2) / 2;
    public float CenterY => (Y1 + Y2) / 2;

    /// <summary>Area; zero for a degenerate or inverted box.</summary>
    public float Area => MathF.Max(Width, 0) * MathF.Max(Height, 0);

    /// <summary>Intersection over union; 0 when both boxes are empty.</summary>
    public static float IoU(in Box a, in Box b)
    {
        float iw = MathF.Min(a.X2, b.X2) - MathF.Max(a.X1, b.X1);
        float ih = MathF.Min(a.Y2, b.Y2) - MathF.Max(a.Y1, b.Y1);
        if (iw <= 0 || ih <= 0) return 0;
        float inter = iw * ih;
        float union = a.Area + b.Area - inter;
        return union > 0 ? inter / union : 0;
    }

    /// <summary>IoU of two boxes given in centre form (cx, cy, w, h).</summary>
    public static float IoUCenter(float cx1, float cy1, float w1, float h1, float cx2, float cy2, float w2, float h2) =>
        IoU(FromCenter(cx1, cy1, w1, h1), FromCenter(cx2, cy2, w2, h2));

    /// <summary>IoU of two shapes (w, h) placed on the same centre: the distance YOLOv2's anchor k-means uses.</summary>
    public static float ShapeIoU(float w1, float h1, float w2, float h2)
    {
        float inter = MathF.Min(w1, w2) * MathF.Min(h1, h2);
        float union = w1 * h1 + w2 * h2 - inter;
        return union > 0 ? inter / union : 0;
    }
}

/// <summary>A scored, classed box (a detector's output or a ground truth with score 1) on image <see cref="Image"/>.</summary>
public readonly record struct ScoredBox(Box Box, float Score, int Class, int Image = 0);
