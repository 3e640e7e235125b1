using Pilot.Vision.Camera.Calibration;
using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Camera.Tests;

/// <summary>
/// Renders a chessboard as a known camera sees it (distortion included), so detection and calibration can be checked
/// against exact ground truth. Inner corner (c, r) sits at board point (c, r, 0), in squares; the squares span
/// −1 .. columns and −1 .. rows, with a white margin of one square around them. Each pixel averages a grid of
/// samples and the image is then blurred slightly, as a lens's point-spread function would: hard, aliased edges
/// would shift edge positions by up to half a sample and bias the corners.
/// </summary>
internal static class SyntheticBoard
{
    public static GrayImage Render(PinholeCamera camera, Vec3 rotation, Vec3 translation, int columns, int rows, int supersample = 4)
    {
        var r = Rotation.FromRodrigues(rotation);
        var rt = r.Transpose();
        var image = new GrayImage(camera.Width, camera.Height);
        var tBoard = rt * translation;
        for (int y = 0; y < camera.Height; y++)
            for (int x = 0; x < camera.Width; x++)
            {
                float sum = 0;
                for (int sy = 0; sy < supersample; sy++)
                    for (int sx = 0; sx < supersample; sx++)
                    {
                        double u = x + (sx + 0.5) / supersample - 0.5, v = y + (sy + 0.5) / supersample - 0.5;
                        var d = rt * camera.Ray(u, v);
                        double s = tBoard.Z / d.Z;  // the ray hits the board plane z = 0 at s·ray
                        sum += s > 0 ? Shade(s * d.X - tBoard.X, s * d.Y - tBoard.Y, columns, rows) : 0.3f;
                    }
                image.Pixels[y * camera.Width + x] = sum / (supersample * supersample);
            }
        return image.Blur(0.7);
    }

    /// <summary>Where inner corner (c, r) appears in the image.</summary>
    public static (double U, double V) Corner(PinholeCamera camera, Vec3 rotation, Vec3 translation, int c, int r)
    {
        var p = Rotation.FromRodrigues(rotation) * new Vec3(c, r, 0) + translation;
        Assert.True(camera.TryProject(p, out double u, out double v));
        return (u, v);
    }

    private static float Shade(double bx, double by, int columns, int rows)
    {
        if (bx < -2 || by < -2 || bx > columns + 1 || by > rows + 1) return 0.35f;  // the wall behind the board
        if (bx < -1 || by < -1 || bx > columns || by > rows) return 0.9f;           // the white margin
        return ((int)Math.Floor(bx) + (int)Math.Floor(by)) % 2 == 0 ? 0.08f : 0.9f;
    }
}
