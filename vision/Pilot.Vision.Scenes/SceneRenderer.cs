namespace Pilot.Vision.Scenes;

/// <summary>
/// Ray-casts road scenes into camera images. Each pixel's ray (from a <see cref="RayTable"/>) meets the road surface
/// (a plane bent by the scene's vertical curvature), the rear face of a vehicle, or the sky; the road is shaded in
/// road coordinates (distance along, offset across) from the same geometry the labels use. Then blur, glare, exposure
/// and sensor noise, and conversion to YUV 4:2:0 (full-range BT.601, as JPEG). Buffers are allocated once per
/// renderer; one renderer serves one thread.
/// </summary>
public sealed class SceneRenderer
{
    /// <summary>Road beyond this distance is drawn as haze, m.</summary>
    public const double MaxRoadDistance = 400;

    /// <summary>Haze: the share of sky colour at distance x is 1 − exp(−x / this), m.</summary>
    private const double HazeDistance = 350;

    /// <summary>Dashes: 3 m of paint every 12 m (US interstate: 10 ft dashes, 30 ft gaps).</summary>
    private const double DashPeriod = 12, DashLength = 3;

    private static readonly (float R, float G, float B) White = (0.92f, 0.92f, 0.9f), Yellow = (0.9f, 0.72f, 0.18f);

    private readonly RayTable _rays;
    private readonly float[] _rgb;      // [Height, Width, 3] linear 0..1 before exposure
    private readonly float[] _scratch;  // same shape, for the blur
    private Vehicle[] _vehicles = new Vehicle[16];

    public int Width => _rays.Width;
    public int Height => _rays.Height;

    public SceneRenderer(RayTable rays)
    {
        if (rays.Width % 2 != 0 || rays.Height % 2 != 0) throw new ArgumentException($"4:2:0 output needs even sizes, got {rays.Width}×{rays.Height}");
        _rays = rays;
        _rgb = new float[rays.Width * rays.Height * 3];
        _scratch = new float[_rgb.Length];
    }

    /// <summary>Renders into planar I420: Y [H, W], then U and V [H/2, W/2].</summary>
    public void RenderI420(RoadScene scene, Span<byte> i420)
    {
        Render(scene);
        Yuv.FromRgb(_rgb, Width, Height, i420, interleavedChroma: false);
    }

    /// <summary>Renders into NV12: Y [H, W], then interleaved U/V [H/2, W/2, 2] (what camera drivers deliver).</summary>
    public void RenderNv12(RoadScene scene, Span<byte> nv12)
    {
        Render(scene);
        Yuv.FromRgb(_rgb, Width, Height, nv12, interleavedChroma: true);
    }

    /// <summary>The rendered linear RGB of the last frame, [Height, Width, 3] (for previews).</summary>
    public ReadOnlySpan<float> Rgb => _rgb;

    private void Render(RoadScene scene)
    {
        int count = 0;
        if (_vehicles.Length < scene.Vehicles.Length) _vehicles = new Vehicle[scene.Vehicles.Length];
        foreach (var v in scene.Vehicles)
            if (v.Distance > 1) _vehicles[count++] = v;
        Array.Sort(_vehicles, 0, count, VehicleByDistance.Instance);
        var vehicles = new ArraySegment<Vehicle>(_vehicles, 0, count);
        Parallel.For(0, Height, row => ShadeRow(scene, vehicles, row));
        PostProcess(scene.Look);
    }

    private void ShadeRow(RoadScene scene, ArraySegment<Vehicle> vehicles, int row)
    {
        var slopes = _rays.Slopes;
        var (roll, pitch, yaw) = scene.MountingError;
        double h = scene.CameraHeight, g = scene.VerticalCurvature;
        for (int col = 0; col < Width; col++)
        {
            int i = row * Width + col;
            double dy0 = slopes[2 * i], dz0 = slopes[2 * i + 1];
            (float R, float G, float B) color;
            if (double.IsNaN(dy0)) color = Sky(scene.Look, -1);
            else
            {
                // Small-angle rotation of the ray by the mounting error.
                double dy = dy0 + yaw - roll * dz0, dz = dz0 + pitch + roll * dy0;
                double ground = GroundDistance(dz, h, g);
                color = Vehicle(scene, vehicles, dy, dz, ground, out bool hit);
                if (!hit)
                {
                    if (ground < MaxRoadDistance)
                    {
                        color = Ground(scene, ground, ground * dy);
                        color = Mix(color, Sky(scene.Look, 0), (float)(1 - Math.Exp(-ground / HazeDistance)));
                    }
                    else color = Sky(scene.Look, dz);
                }
            }
            _rgb[3 * i] = color.R; _rgb[3 * i + 1] = color.G; _rgb[3 * i + 2] = color.B;
        }
    }

    /// <summary>Where a ray with downward slope dz meets the road: the road lies h − g·x²/2 below the camera at
    /// distance x, the ray x·dz; the nearer positive root, or +∞ when the ray passes over (sky, or beyond a crest).</summary>
    internal static double GroundDistance(double dz, double h, double g)
    {
        if (Math.Abs(g) < 1e-9) return dz > 1e-9 ? h / dz : double.PositiveInfinity;
        double discriminant = dz * dz + 2 * g * h;
        if (discriminant < 0) return double.PositiveInfinity;
        double x = (-dz + Math.Sqrt(discriminant)) / g;
        return x > 0 ? x : double.PositiveInfinity;
    }

    private static (float R, float G, float B) Vehicle(RoadScene scene, ArraySegment<Vehicle> vehicles, double dy, double dz, double ground, out bool hit)
    {
        foreach (var v in vehicles)
        {
            if (v.Distance >= ground) break;  // sorted by distance: the road is in front of this and every later one
            double centre = scene.CenterAt(v.Distance) + v.Lateral;
            double road = scene.CameraHeight - scene.RoadHeightAt(v.Distance);  // road depth below the camera there
            double py = v.Distance * dy, pz = v.Distance * dz;
            double across = (py - centre) / v.Width + 0.5, up = (road - pz) / v.Height;
            if (across < 0 || across > 1 || up < 0 || up > 1) continue;
            hit = true;
            var body = v.Color;
            if (up > 0.55 && up < 0.9 && across > 0.12 && across < 0.88) return (0.07f, 0.08f, 0.09f);              // rear window
            if (up > 0.35 && up < 0.5 && (across < 0.15 || across > 0.85)) return (0.75f, 0.06f, 0.05f);              // tail lights
            if (up < 0.12 && (across < 0.22 || across > 0.78)) return (0.03f, 0.03f, 0.03f);                           // tyres
            if (up < 0.25) return (body.R * 0.55f, body.G * 0.55f, body.B * 0.55f);                                    // bumper
            return body;
        }
        hit = false;
        return default;
    }

    private (float R, float G, float B) Ground(RoadScene scene, double x, double y)
    {
        var look = scene.Look;
        double d = y - scene.CenterAt(x), s = scene.Odometer + x;
        double footprint = Math.Max(x * _rays.PixelAngle, 1e-3);  // metres across one pixel at this distance
        float grain = Texture.Noise(s * 3, d * 3, 11) - 0.5f;
        (float R, float G, float B) color;
        if (d < scene.LeftEdgeOffset || d > scene.RightEdgeOffset)
        {
            float patch = Texture.Noise(s * 0.7, d * 0.7, 23);
            color = Scale(look.Verge, 0.8f + 0.4f * patch + 0.2f * grain);
        }
        else
        {
            color = Scale(look.Asphalt, 1 + 0.12f * grain + 0.08f * (Texture.Noise(s * 0.2, d * 0.5, 5) - 0.5f));
            for (int k = 0; k < scene.Lines.Length; k++)
            {
                var m = scene.Lines[k];
                if (m.Style == MarkingStyle.None) continue;
                double coverage = Math.Clamp((m.Width / 2 - Math.Abs(d - scene.LineOffset(k))) / footprint + 0.5, 0, 1);
                if (coverage <= 0) continue;
                if (m.Style == MarkingStyle.Dashed)
                {
                    double phase = (s + 3.7 * k) / DashPeriod;
                    if (phase - Math.Floor(phase) > DashLength / DashPeriod) continue;
                }
                float alpha = (float)coverage * (1 - m.Wear * Texture.Noise(s * 2, d * 10 + 17 * k, 31));
                color = Mix(color, m.Yellow ? Yellow : White, alpha);
            }
        }
        foreach (var (sx, sy, length, width, darkness) in look.Shadows)
        {
            double a = (x - sx) / (length / 2), b = (d - sy) / (width / 2);
            if (a * a + b * b < 1) color = Scale(color, 1 - darkness);
        }
        foreach (var v in scene.Vehicles)
            if (x > v.Distance - 0.6 && x < v.Distance && Math.Abs(d - v.Lateral) < v.Width / 2)
                color = Scale(color, 0.45f);  // the dark gap under the rear bumper
        return color;
    }

    private static (float R, float G, float B) Sky(SceneLook look, double dz)
    {
        // Deeper blue higher up (dz more negative).
        float up = (float)Math.Clamp(-dz * 2, 0, 1);
        return (look.Sky.R * (1 - 0.35f * up), look.Sky.G * (1 - 0.2f * up), look.Sky.B);
    }

    private void PostProcess(SceneLook look)
    {
        if (look.Blur > 0) BoxBlur(look.Blur);
        float gu = look.Glare.U * Width, gv = look.Glare.V * Height, glareRadius = 0.25f * Width;
        Parallel.For(0, Height, row =>
        {
            for (int col = 0; col < Width; col++)
            {
                int i = row * Width + col;
                float glare = 0;
                if (look.Glare.Strength > 0)
                {
                    float du = (col - gu) / glareRadius, dv = (row - gv) / glareRadius;
                    glare = look.Glare.Strength * MathF.Exp(-(du * du + dv * dv));
                }
                float noise = look.Noise > 0 ? look.Noise * 1.7f * (Texture.Hash(col, row, look.NoiseSeed) - 0.5f) * 2 : 0;
                for (int c = 0; c < 3; c++)
                {
                    float value = (_rgb[3 * i + c] - 0.5f) * look.Contrast + 0.5f;
                    value = value * look.Brightness + glare + noise;
                    _rgb[3 * i + c] = Math.Clamp(value, 0, 1);
                }
            }
        });
    }

    /// <summary>Horizontal then vertical box blur of radius r (defocus, motion).</summary>
    private void BoxBlur(int r)
    {
        float scale = 1f / (2 * r + 1);
        for (int pass = 0; pass < 2; pass++)
        {
            var (src, dst) = pass == 0 ? (_rgb, _scratch) : (_scratch, _rgb);
            int stepX = pass == 0 ? 1 : 0, stepY = 1 - stepX;
            for (int row = 0; row < Height; row++)
                for (int col = 0; col < Width; col++)
                    for (int c = 0; c < 3; c++)
                    {
                        float sum = 0;
                        for (int k = -r; k <= r; k++)
                        {
                            int x = Math.Clamp(col + k * stepX, 0, Width - 1), y = Math.Clamp(row + k * stepY, 0, Height - 1);
                            sum += src[3 * (y * Width + x) + c];
                        }
                        dst[3 * (row * Width + col) + c] = sum * scale;
                    }
        }
    }

    private static (float R, float G, float B) Scale((float R, float G, float B) c, float s) => (c.R * s, c.G * s, c.B * s);
    private static (float R, float G, float B) Mix((float R, float G, float B) a, (float R, float G, float B) b, float t) =>
        (a.R + t * (b.R - a.R), a.G + t * (b.G - a.G), a.B + t * (b.B - a.B));

    private sealed class VehicleByDistance : IComparer<Vehicle>
    {
        public static readonly VehicleByDistance Instance = new();
        public int Compare(Vehicle a, Vehicle b) => a.Distance.CompareTo(b.Distance);
    }
}
