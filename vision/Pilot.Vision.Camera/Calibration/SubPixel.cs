namespace Pilot.Vision.Camera.Calibration;

/// <summary>
/// Sub-pixel corner refinement (the method of OpenCV's cornerSubPix): at the true corner q, every image gradient
/// g(p) in a small window is orthogonal to (p − q), so q solves Σ w·g·gᵀ · q = Σ w·g·gᵀ · p. Iterated with the
/// window re-centred (bilinear sampling) until the step is below <see cref="Epsilon"/>.
/// </summary>
public static class SubPixel
{
    /// <summary>Half-size of the window, pixels (an 11×11 window, as is usual for 1280×720 boards).</summary>
    public const int HalfWindow = 5;

    /// <summary>Stop when the corner moves less than this, pixels.</summary>
    public const double Epsilon = 0.005;

    public const int MaxIterations = 30;

    public static (double X, double Y) Refine(GrayImage image, double x, double y)
    {
        double sigma = HalfWindow / 1.5;  // Gaussian weights favour pixels near the corner
        double startX = x, startY = y;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double a = 0, b = 0, c = 0, bx = 0, by = 0;
            for (int dy = -HalfWindow; dy <= HalfWindow; dy++)
                for (int dx = -HalfWindow; dx <= HalfWindow; dx++)
                {
                    double px = x + dx, py = y + dy;
                    double gx = (image.Sample(px + 1, py) - image.Sample(px - 1, py)) / 2;
                    double gy = (image.Sample(px, py + 1) - image.Sample(px, py - 1)) / 2;
                    double weight = Math.Exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                    double gxx = weight * gx * gx, gxy = weight * gx * gy, gyy = weight * gy * gy;
                    a += gxx; b += gxy; c += gyy;
                    bx += gxx * px + gxy * py;
                    by += gxy * px + gyy * py;
                }
            double det = a * c - b * b;
            if (Math.Abs(det) < 1e-12) break;  // flat window: keep the estimate
            double nx = (c * bx - b * by) / det, ny = (a * by - b * bx) / det;
            double step = Math.Abs(nx - x) + Math.Abs(ny - y);
            // A refinement that runs out of the window found some other structure: keep the detection.
            if (Math.Abs(nx - startX) > HalfWindow || Math.Abs(ny - startY) > HalfWindow) return (startX, startY);
            (x, y) = (nx, ny);
            if (step < Epsilon) break;
        }
        return (x, y);
    }
}
