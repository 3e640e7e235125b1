namespace Pilot.Vision.Camera.Geometry;

/// <summary>
/// A pinhole camera with lens distortion. Camera frame: x right, y down, z forward (metres); image: u right,
/// v down (pixels, the centre of the top-left pixel is (0, 0)).
/// </summary>
/// <param name="Fx">Focal length along u, pixels.</param>
/// <param name="Fy">Focal length along v, pixels.</param>
/// <param name="Cx">Principal point u, pixels.</param>
/// <param name="Cy">Principal point v, pixels.</param>
/// <param name="Width">Image width, pixels.</param>
/// <param name="Height">Image height, pixels.</param>
/// <param name="Lens">Distortion of normalised coordinates.</param>
public sealed record PinholeCamera(double Fx, double Fy, double Cx, double Cy, int Width, int Height, Distortion Lens = default)
{
    /// <summary>The 3×3 intrinsic matrix K.</summary>
    public Mat3 K => new(Fx, 0, Cx, 0, Fy, Cy, 0, 0, 1);

    /// <summary>Projects a point in the camera frame to pixels; false when it is behind the camera.</summary>
    public bool TryProject(Vec3 p, out double u, out double v)
    {
        if (p.Z <= 1e-9) { u = v = double.NaN; return false; }
        var (xd, yd) = Lens.Apply(p.X / p.Z, p.Y / p.Z);
        u = Fx * xd + Cx;
        v = Fy * yd + Cy;
        return true;
    }

    /// <summary>The unit-depth ray (z = 1) in the camera frame through pixel (u, v), distortion removed.</summary>
    public Vec3 Ray(double u, double v)
    {
        var (x, y) = Lens.Remove((u - Cx) / Fx, (v - Cy) / Fy);
        return new Vec3(x, y, 1);
    }

    /// <summary>Is (u, v) inside the image (pixel centres span −0.5 .. size − 0.5)?</summary>
    public bool Contains(double u, double v) => u >= -0.5 && v >= -0.5 && u <= Width - 0.5 && v <= Height - 0.5;
}
