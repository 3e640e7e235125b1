namespace Pilot.Vision.Camera.Geometry;

/// <summary>A row-major 3×3 double matrix: rotations, intrinsic matrices and homographies.</summary>
public readonly record struct Mat3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    public static Mat3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public static Mat3 FromColumns(Vec3 c0, Vec3 c1, Vec3 c2) =>
        new(c0.X, c1.X, c2.X, c0.Y, c1.Y, c2.Y, c0.Z, c1.Z, c2.Z);

    public Vec3 Column(int i) => i switch
    {
        0 => new(M00, M10, M20),
        1 => new(M01, M11, M21),
        2 => new(M02, M12, M22),
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        m.M00 * v.X + m.M01 * v.Y + m.M02 * v.Z,
        m.M10 * v.X + m.M11 * v.Y + m.M12 * v.Z,
        m.M20 * v.X + m.M21 * v.Y + m.M22 * v.Z);

    public static Mat3 operator *(Mat3 a, Mat3 b) => FromColumns(a * b.Column(0), a * b.Column(1), a * b.Column(2));

    public Mat3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    public double Determinant =>
        M00 * (M11 * M22 - M12 * M21) - M01 * (M10 * M22 - M12 * M20) + M02 * (M10 * M21 - M11 * M20);

    public Mat3 Inverse()
    {
        double det = Determinant;
        if (Math.Abs(det) < 1e-300) throw new InvalidOperationException("matrix is singular");
        double s = 1 / det;
        return new(
            s * (M11 * M22 - M12 * M21), s * (M02 * M21 - M01 * M22), s * (M01 * M12 - M02 * M11),
            s * (M12 * M20 - M10 * M22), s * (M00 * M22 - M02 * M20), s * (M02 * M10 - M00 * M12),
            s * (M10 * M21 - M11 * M20), s * (M01 * M20 - M00 * M21), s * (M00 * M11 - M01 * M10));
    }
}
