using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Camera.Calibration;

/// <summary>
/// Chessboard camera calibration (Zhang, "A flexible new technique for camera calibration", 2000): detect the inner
/// corners in every photo, seed the focal lengths from the homographies' orthogonality constraints with the principal
/// point at the image centre (OpenCV's initIntrinsicParams2D, robust to strong distortion), seed each view's pose from
/// its homography, then refine all intrinsics, distortion (k1, k2, p1, p2, k3) and poses together by
/// Levenberg–Marquardt on the reprojection error.
/// </summary>
public static class CameraCalibrator
{
    /// <summary>Intrinsic parameters: fx, fy, cx, cy, k1, k2, p1, p2, k3; then 6 per view (rotation, translation).</summary>
    private const int IntrinsicCount = 9;

    /// <summary>Views needed to constrain 4 intrinsics and 5 distortion terms well.</summary>
    public const int MinViews = 3;

    /// <summary>
    /// Photos may differ from the most common size by this many pixels and still be used as they are: real sets
    /// contain frames re-saved with an extra row or column (two of the 20 shared camera-cal photos are 1281×721),
    /// which moves no corner. Larger differences mean another camera or a resize, and are refused.
    /// </summary>
    public const int SizeTolerancePixels = 2;

    /// <summary>Calibrates from photo files of a board with <paramref name="columns"/> × <paramref name="rows"/> inner corners.</summary>
    public static CalibrationResult Calibrate(IReadOnlyList<string> photos, int columns, int rows, double squareSize = 1)
    {
        var images = photos.Select(p => (Path.GetFileName(p), GrayImage.Load(p))).ToList();
        return Calibrate(images, columns, rows, squareSize);
    }

    public static CalibrationResult Calibrate(IReadOnlyList<(string Name, GrayImage Image)> photos, int columns, int rows, double squareSize = 1)
    {
        if (photos.Count == 0) throw new ArgumentException("no photos to calibrate from");
        var (width, height) = photos.GroupBy(p => (p.Image.Width, p.Image.Height)).MaxBy(g => g.Count())!.Key;
        var odd = photos.FirstOrDefault(p => Math.Abs(p.Image.Width - width) > SizeTolerancePixels || Math.Abs(p.Image.Height - height) > SizeTolerancePixels);
        if (odd.Image is not null)
            throw new ArgumentException($"photo '{odd.Name}' is {odd.Image.Width}×{odd.Image.Height}, the others {width}×{height}: " +
                $"one calibration needs one camera at one resolution (±{SizeTolerancePixels} px)");
        var detections = photos.AsParallel().AsOrdered()
            .Select(p => (p.Name, Corners: ChessboardDetector.Find(p.Image, columns, rows))).ToList();
        var used = detections.Where(d => d.Corners is not null).ToList();
        if (used.Count < MinViews)
            throw new InvalidOperationException($"the {columns}×{rows} board was found in {used.Count} of {photos.Count} photos; calibration needs at least {MinViews}");

        var board = new List<(double X, double Y)>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) board.Add((c * squareSize, r * squareSize));
        var observed = used.Select(d => Flatten(d.Corners!)).ToList();

        var parameters = Initialize(board, observed, width, height);
        int residuals = 2 * board.Count * observed.Count;
        double cost = LevenbergMarquardt.Minimize((x, r, j) => Residuals(x, board, observed, r, j), parameters, residuals, maxIterations: 200);

        var camera = ToCamera(parameters, width, height);
        var perView = new Dictionary<string, CalibrationView>();
        for (int v = 0; v < used.Count; v++)
        {
            var (rotation, translation) = Pose(parameters, v);
            double sum = 0;
            for (int k = 0; k < board.Count; k++)
            {
                var (u, vv) = Project(parameters, v, board[k]);
                sum += Sq(u - observed[v][k].X) + Sq(vv - observed[v][k].Y);
            }
            perView[used[v].Name] = new CalibrationView(used[v].Name, true, Math.Sqrt(sum / board.Count), rotation, translation);
        }
        var views = detections.Select(d => perView.GetValueOrDefault(d.Name)
            ?? new CalibrationView(d.Name, false, double.NaN, default, default)).ToList();
        return new CalibrationResult(camera, Math.Sqrt(cost / (board.Count * observed.Count)), views);
    }

    private static List<(double X, double Y)> Flatten((double X, double Y)[,] grid)
    {
        var list = new List<(double X, double Y)>(grid.Length);
        foreach (var p in grid) list.Add(p);
        return list;
    }

    private static double[] Initialize(List<(double X, double Y)> board, List<List<(double X, double Y)>> observed, int width, int height)
    {
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        var shift = new Mat3(1, 0, -cx, 0, 1, -cy, 0, 0, 1);
        var homographies = observed.Select(o => Homography.Estimate(board, o)).ToList();
        // With the principal point removed, ω = diag(a, b, 1) with a = 1/fx², b = 1/fy². Each view gives h1ᵀωh2 = 0
        // and h1ᵀωh1 = h2ᵀωh2 (the board's axes are orthogonal and equally long): two equations linear in (a, b).
        double s00 = 0, s01 = 0, s11 = 0, t0 = 0, t1 = 0;
        void Row(double p, double q, double rhs) { s00 += p * p; s01 += p * q; s11 += q * q; t0 += p * rhs; t1 += q * rhs; }
        foreach (var h in homographies)
        {
            var m = shift * h;
            var h1 = m.Column(0); var h2 = m.Column(1);
            Row(h1.X * h2.X, h1.Y * h2.Y, -h1.Z * h2.Z);
            Row(h1.X * h1.X - h2.X * h2.X, h1.Y * h1.Y - h2.Y * h2.Y, -(h1.Z * h1.Z - h2.Z * h2.Z));
        }
        double det = s00 * s11 - s01 * s01;
        double a = (s11 * t0 - s01 * t1) / det, b = (s00 * t1 - s01 * t0) / det;
        double fallback = Math.Max(width, height);  // a ~53° field of view when the constraints are degenerate
        double fx = a > 0 ? 1 / Math.Sqrt(a) : fallback, fy = b > 0 ? 1 / Math.Sqrt(b) : fallback;

        var x = new double[IntrinsicCount + 6 * observed.Count];
        (x[0], x[1], x[2], x[3]) = (fx, fy, cx, cy);
        var kInverse = new Mat3(fx, 0, cx, 0, fy, cy, 0, 0, 1).Inverse();
        for (int v = 0; v < homographies.Count; v++)
        {
            var m = kInverse * homographies[v];
            double lambda = 1 / m.Column(0).Length;
            var t = lambda * m.Column(2);
            if (t.Z < 0) { lambda = -lambda; t = -1 * t; }  // the board is in front of the camera
            var rotation = Rotation.Orthonormalize(Mat3.FromColumns(lambda * m.Column(0), lambda * m.Column(1), default));
            var rv = Rotation.ToRodrigues(rotation);
            int o = IntrinsicCount + 6 * v;
            (x[o], x[o + 1], x[o + 2], x[o + 3], x[o + 4], x[o + 5]) = (rv.X, rv.Y, rv.Z, t.X, t.Y, t.Z);
        }
        return x;
    }

    /// <summary>Reprojection residuals (pixels) and, when asked, their Jacobian by forward differences; a pose
    /// parameter only touches its own view's rows, so those columns cost one view each.</summary>
    private static void Residuals(ReadOnlySpan<double> x, List<(double X, double Y)> board, List<List<(double X, double Y)>> observed,
        Span<double> r, double[,]? jacobian)
    {
        var p = x.ToArray();
        int n = board.Count;
        for (int v = 0; v < observed.Count; v++) ViewResiduals(p, v, board, observed[v], r.Slice(2 * n * v, 2 * n));
        if (jacobian is null) return;
        Array.Clear(jacobian);
        var rowsBuffer = new double[2 * n];
        for (int c = 0; c < p.Length; c++)
        {
            double original = p[c];
            double h = 1e-7 * Math.Max(1, Math.Abs(original));
            p[c] = original + h;
            int firstView = c < IntrinsicCount ? 0 : (c - IntrinsicCount) / 6;
            int lastView = c < IntrinsicCount ? observed.Count - 1 : firstView;
            for (int v = firstView; v <= lastView; v++)
            {
                ViewResiduals(p, v, board, observed[v], rowsBuffer);
                for (int k = 0; k < 2 * n; k++) jacobian[2 * n * v + k, c] = (rowsBuffer[k] - r[2 * n * v + k]) / h;
            }
            p[c] = original;
        }
    }

    private static void ViewResiduals(double[] p, int view, List<(double X, double Y)> board, List<(double X, double Y)> observed, Span<double> r)
    {
        for (int k = 0; k < board.Count; k++)
        {
            var (u, v) = Project(p, view, board[k]);
            r[2 * k] = u - observed[k].X;
            r[2 * k + 1] = v - observed[k].Y;
        }
    }

    private static (double U, double V) Project(double[] p, int view, (double X, double Y) point)
    {
        var (rotation, translation) = Pose(p, view);
        var camera = Rotation.FromRodrigues(rotation) * new Vec3(point.X, point.Y, 0) + translation;
        var lens = new Distortion(p[4], p[5], p[6], p[7], p[8]);
        var (xd, yd) = lens.Apply(camera.X / camera.Z, camera.Y / camera.Z);
        return (p[0] * xd + p[2], p[1] * yd + p[3]);
    }

    private static (Vec3 Rotation, Vec3 Translation) Pose(double[] p, int view)
    {
        int o = IntrinsicCount + 6 * view;
        return (new Vec3(p[o], p[o + 1], p[o + 2]), new Vec3(p[o + 3], p[o + 4], p[o + 5]));
    }

    private static PinholeCamera ToCamera(double[] p, int width, int height) =>
        new(p[0], p[1], p[2], p[3], width, height, new Distortion(p[4], p[5], p[6], p[7], p[8]));

    private static double Sq(double v) => v * v;
}
