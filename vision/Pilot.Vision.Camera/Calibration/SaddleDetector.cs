namespace Pilot.Vision.Camera.Calibration;

/// <summary>
/// Finds chessboard inner corners: X-junctions where two dark and two light squares meet. On a blurred image
/// such a point is a saddle of intensity, where the Hessian's determinant is strongly negative; a ring test then
/// keeps only points whose surroundings alternate dark/light exactly four times (rejecting edges, L-corners of the
/// board's border and texture).
/// </summary>
public static class SaddleDetector
{
    /// <summary>Blur before differentiating, pixels: wide enough to beat JPEG noise, small next to a square.</summary>
    public const double Sigma = 2.0;

    /// <summary>Keep saddles stronger than this fraction of the image's strongest.</summary>
    public const double RelativeThreshold = 0.08;

    /// <summary>Radius of non-maximum suppression, pixels.</summary>
    public const int SuppressionRadius = 6;

    /// <summary>Radii of the rings sampled for the four-sector test, pixels.</summary>
    private static readonly double[] RingRadii = [5, 8];

    /// <summary>Minimum dark/light contrast on the ring, luma units.</summary>
    private const float MinContrast = 0.15f;

    /// <summary>Candidate corners, pixel precision, strongest first.</summary>
    public static List<(double X, double Y)> Detect(GrayImage image)
    {
        var smooth = image.Blur(Sigma);
        int w = image.Width, h = image.Height;
        var response = new float[w * h];
        float max = 0;
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                float c = smooth[x, y];
                float ixx = smooth[x + 1, y] - 2 * c + smooth[x - 1, y];
                float iyy = smooth[x, y + 1] - 2 * c + smooth[x, y - 1];
                float ixy = (smooth[x + 1, y + 1] - smooth[x - 1, y + 1] - smooth[x + 1, y - 1] + smooth[x - 1, y - 1]) / 4;
                float saddle = ixy * ixy - ixx * iyy;  // −det(H): positive at saddles
                response[y * w + x] = saddle;
                if (saddle > max) max = saddle;
            }

        var found = new List<(double X, double Y, float Strength)>();
        float threshold = (float)(RelativeThreshold * max);
        int r = SuppressionRadius;
        for (int y = r; y < h - r; y++)
            for (int x = r; x < w - r; x++)
            {
                float v = response[y * w + x];
                if (v <= threshold || !IsLocalMaximum(response, w, x, y, r) || !IsXJunction(smooth, x, y)) continue;
                found.Add((x, y, v));
            }
        return found.OrderByDescending(c => c.Strength).Select(c => (c.X, c.Y)).ToList();
    }

    private static bool IsLocalMaximum(float[] response, int w, int x, int y, int r)
    {
        float v = response[y * w + x];
        for (int dy = -r; dy <= r; dy++)
            for (int dx = -r; dx <= r; dx++)
            {
                float other = response[(y + dy) * w + x + dx];
                // Ties go to the first in scan order so a plateau yields one point.
                if (other > v || (other == v && (dy < 0 || (dy == 0 && dx < 0)))) return false;
            }
        return true;
    }

    private static bool IsXJunction(GrayImage smooth, int cx, int cy)
    {
        const int samples = 32;
        Span<float> ring = stackalloc float[samples];
        foreach (double radius in RingRadii)
        {
            float lo = float.MaxValue, hi = float.MinValue;
            for (int i = 0; i < samples; i++)
            {
                double a = 2 * Math.PI * i / samples;
                ring[i] = smooth.Sample(cx + radius * Math.Cos(a), cy + radius * Math.Sin(a));
                lo = Math.Min(lo, ring[i]);
                hi = Math.Max(hi, ring[i]);
            }
            if (hi - lo < MinContrast) return false;
            float mid = (lo + hi) / 2;
            int changes = 0;
            for (int i = 0; i < samples; i++)
                if ((ring[i] > mid) != (ring[(i + 1) % samples] > mid)) changes++;
            if (changes != 4) return false;
        }
        return true;
    }
}
