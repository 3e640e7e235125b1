namespace Pilot.Vision.Camera.Geometry;

/// <summary>
/// Brown–Conrady lens distortion on normalised image coordinates (x = X/Z, y = Y/Z), with OpenCV's coefficient
/// order: radial k1, k2, k3 and tangential p1, p2 (dimensionless).
/// </summary>
public readonly record struct Distortion(double K1, double K2, double P1, double P2, double K3)
{
    public static Distortion None => default;

    /// <summary>Where the lens moves the ideal normalised point (x, y).</summary>
    public (double X, double Y) Apply(double x, double y)
    {
        double r2 = x * x + y * y;
        double radial = 1 + r2 * (K1 + r2 * (K2 + r2 * K3));
        return (x * radial + 2 * P1 * x * y + P2 * (r2 + 2 * x * x),
                y * radial + P1 * (r2 + 2 * y * y) + 2 * P2 * x * y);
    }

    /// <summary>
    /// The ideal point that <see cref="Apply"/> moves to (xd, yd), by fixed-point iteration (as OpenCV's
    /// undistortPoints); converges for the distortion real lenses have within their field of view.
    /// </summary>
    public (double X, double Y) Remove(double xd, double yd, int iterations = 20)
    {
        double x = xd, y = yd;
        for (int i = 0; i < iterations; i++)
        {
            double r2 = x * x + y * y;
            double radial = 1 + r2 * (K1 + r2 * (K2 + r2 * K3));
            double dx = 2 * P1 * x * y + P2 * (r2 + 2 * x * x);
            double dy = P1 * (r2 + 2 * y * y) + 2 * P2 * x * y;
            x = (xd - dx) / radial;
            y = (yd - dy) / radial;
        }
        return (x, y);
    }
}
