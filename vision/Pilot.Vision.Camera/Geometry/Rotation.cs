namespace Pilot.Vision.Camera.Geometry;

/// <summary>Rotation conversions: Rodrigues (axis × angle, rad) and roll/pitch/yaw (rad).</summary>
public static class Rotation
{
    /// <summary>The rotation by |r| radians about r/|r| (Rodrigues' formula).</summary>
    public static Mat3 FromRodrigues(Vec3 r)
    {
        double theta = r.Length;
        if (theta < 1e-12) return new(1, -r.Z, r.Y, r.Z, 1, -r.X, -r.Y, r.X, 1);  // first order: I + [r]×
        var k = (1 / theta) * r;
        double c = Math.Cos(theta), s = Math.Sin(theta), t = 1 - c;
        return new(
            t * k.X * k.X + c, t * k.X * k.Y - s * k.Z, t * k.X * k.Z + s * k.Y,
            t * k.X * k.Y + s * k.Z, t * k.Y * k.Y + c, t * k.Y * k.Z - s * k.X,
            t * k.X * k.Z - s * k.Y, t * k.Y * k.Z + s * k.X, t * k.Z * k.Z + c);
    }

    /// <summary>The axis-angle vector of a rotation matrix (inverse of <see cref="FromRodrigues"/>).</summary>
    public static Vec3 ToRodrigues(Mat3 m)
    {
        double cos = Math.Clamp((m.M00 + m.M11 + m.M22 - 1) / 2, -1, 1);
        double theta = Math.Acos(cos);
        var axis = new Vec3(m.M21 - m.M12, m.M02 - m.M20, m.M10 - m.M01);
        if (theta < 1e-9) return 0.5 * axis;
        if (Math.PI - theta > 1e-6) return (theta / (2 * Math.Sin(theta))) * axis;
        // Near 180° the antisymmetric part vanishes; take the axis from the symmetric part's largest diagonal.
        double xx = Math.Sqrt(Math.Max(0, (m.M00 + 1) / 2)), yy = Math.Sqrt(Math.Max(0, (m.M11 + 1) / 2)), zz = Math.Sqrt(Math.Max(0, (m.M22 + 1) / 2));
        Vec3 k = xx >= yy && xx >= zz ? new(xx, m.M01 / (2 * xx), m.M02 / (2 * xx))
            : yy >= zz ? new(m.M01 / (2 * yy), yy, m.M12 / (2 * yy))
            : new(m.M02 / (2 * zz), m.M12 / (2 * zz), zz);
        return theta * k.Normalized();
    }

    /// <summary>
    /// The rotation R = Rz(yaw)·Ry(pitch)·Rx(roll) (intrinsic z-y'-x'', as openpilot's euler2rot), which maps
    /// vectors of the rotated frame into the reference frame.
    /// </summary>
    public static Mat3 FromRollPitchYaw(double roll, double pitch, double yaw)
    {
        double cr = Math.Cos(roll), sr = Math.Sin(roll), cp = Math.Cos(pitch), sp = Math.Sin(pitch), cy = Math.Cos(yaw), sy = Math.Sin(yaw);
        var rx = new Mat3(1, 0, 0, 0, cr, -sr, 0, sr, cr);
        var ry = new Mat3(cp, 0, sp, 0, 1, 0, -sp, 0, cp);
        var rz = new Mat3(cy, -sy, 0, sy, cy, 0, 0, 0, 1);
        return rz * ry * rx;
    }

    /// <summary>Nearest rotation to <paramref name="m"/> by Gram-Schmidt on its first two columns (good enough to
    /// seed an optimisation from a noisy estimate).</summary>
    public static Mat3 Orthonormalize(Mat3 m)
    {
        var c0 = m.Column(0).Normalized();
        var c1 = m.Column(1);
        c1 = (c1 - c0.Dot(c1) * c0).Normalized();
        return Mat3.FromColumns(c0, c1, c0.Cross(c1));
    }
}
