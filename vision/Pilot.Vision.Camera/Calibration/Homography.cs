using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Camera.Numerics;

namespace Pilot.Vision.Camera.Calibration;

/// <summary>The plane-to-image homography by the normalised direct linear transform (Hartley & Zisserman, alg. 4.2).</summary>
public static class Homography
{
    /// <summary>H with image ≃ H · (X, Y, 1) for board points (X, Y) and their image points.</summary>
    public static Mat3 Estimate(IReadOnlyList<(double X, double Y)> board, IReadOnlyList<(double X, double Y)> image)
    {
        if (board.Count != image.Count || board.Count < 4)
            throw new ArgumentException($"a homography needs at least 4 matched points, got {board.Count} and {image.Count}");
        var tb = Normalizer(board);
        var ti = Normalizer(image);
        var a = new double[2 * board.Count, 9];
        for (int k = 0; k < board.Count; k++)
        {
            var p = tb * new Vec3(board[k].X, board[k].Y, 1);
            var q = ti * new Vec3(image[k].X, image[k].Y, 1);
            int r = 2 * k;
            a[r, 0] = p.X; a[r, 1] = p.Y; a[r, 2] = 1;
            a[r, 6] = -q.X * p.X; a[r, 7] = -q.X * p.Y; a[r, 8] = -q.X;
            a[r + 1, 3] = p.X; a[r + 1, 4] = p.Y; a[r + 1, 5] = 1;
            a[r + 1, 6] = -q.Y * p.X; a[r + 1, 7] = -q.Y * p.Y; a[r + 1, 8] = -q.Y;
        }
        var h = Dense.SmallestEigenvector(Dense.Gram(a));
        var normalized = new Mat3(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]);
        var result = ti.Inverse() * normalized * tb;
        double scale = 1 / result.M22;
        return new Mat3(result.M00 * scale, result.M01 * scale, result.M02 * scale,
            result.M10 * scale, result.M11 * scale, result.M12 * scale,
            result.M20 * scale, result.M21 * scale, 1);
    }

    /// <summary>Moves the points' centroid to the origin and scales their mean distance to √2 (conditioning).</summary>
    private static Mat3 Normalizer(IReadOnlyList<(double X, double Y)> points)
    {
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double mean = points.Average(p => Math.Sqrt((p.X - mx) * (p.X - mx) + (p.Y - my) * (p.Y - my)));
        double s = mean > 0 ? Math.Sqrt(2) / mean : 1;
        return new Mat3(s, 0, -s * mx, 0, s, -s * my, 0, 0, 1);
    }
}
