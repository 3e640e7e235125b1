namespace Pilot.Vision.Scenes;

/// <summary>How a lane line is painted.</summary>
public enum MarkingStyle : byte { None, Solid, Dashed }

/// <summary>A painted line: style, colour and how worn it is.</summary>
/// <param name="Style">Solid, dashed, or not painted at all.</param>
/// <param name="Yellow">Yellow paint (else white).</param>
/// <param name="Wear">0 = fresh paint, 1 = worn away.</param>
/// <param name="Width">Paint width, m (0.10–0.15 m on real roads).</param>
public readonly record struct Marking(MarkingStyle Style, bool Yellow, float Wear, float Width);

/// <summary>Another vehicle, in road coordinates.</summary>
/// <param name="Distance">Along the road from the camera to the vehicle's rear, m.</param>
/// <param name="Lateral">Offset of its centre from the road's reference line (the ego lane's centre), m, positive right.</param>
/// <param name="Speed">Absolute speed along the road, m/s.</param>
/// <param name="Acceleration">Along the road, m/s².</param>
/// <param name="LateralSpeed">Towards the right, m/s (non-zero for a cut-in).</param>
/// <param name="Width">m.</param>
/// <param name="Height">m.</param>
/// <param name="Color">Body colour, RGB 0..1.</param>
public readonly record struct Vehicle(double Distance, double Lateral, double Speed, double Acceleration, double LateralSpeed,
    double Width, double Height, (float R, float G, float B) Color);

/// <summary>
/// One randomised road scene at one instant: geometry in the calibrated frame (x forward, y right, z down, metres,
/// origin at the camera), appearance, and traffic. Everything the renderer draws and the labels describe comes from
/// here, so labels are exact by construction.
/// </summary>
public sealed record RoadScene
{
    /// <summary>Lanes on the road, 1–4.</summary>
    public required int LaneCount { get; init; }
    /// <summary>Index of the ego lane, 0 = leftmost.</summary>
    public required int EgoLane { get; init; }
    /// <summary>Lane width, m (2.8–4.0).</summary>
    public required double LaneWidth { get; init; }
    /// <summary>Camera's offset from the ego lane centre, m, positive right.</summary>
    public required double EgoOffset { get; init; }
    /// <summary>Angle of the road relative to the camera's forward axis at the camera, rad, positive turning right.</summary>
    public required double HeadingError { get; init; }
    /// <summary>Road curvature at the camera, 1/m, positive curving right.</summary>
    public required double Curvature { get; init; }
    /// <summary>Change of curvature per metre (clothoid), 1/m².</summary>
    public required double CurvatureRate { get; init; }
    /// <summary>Vertical curvature, 1/m: positive a dip (road rises ahead), negative a crest.</summary>
    public required double VerticalCurvature { get; init; }
    /// <summary>Camera height above the road, m.</summary>
    public required double CameraHeight { get; init; }
    /// <summary>Ego speed, m/s.</summary>
    public required double EgoSpeed { get; init; }
    /// <summary>Lines from left to right: LaneCount + 1 of them.</summary>
    public required Marking[] Lines { get; init; }
    /// <summary>Paved shoulder beyond the outer lines, m, left and right; the road edges lie there.</summary>
    public required (double Left, double Right) Shoulders { get; init; }
    /// <summary>Distance travelled along the road since an arbitrary origin, m (phases dashes and texture).</summary>
    public required double Odometer { get; init; }
    public required Vehicle[] Vehicles { get; init; }
    public required SceneLook Look { get; init; }
    /// <summary>How far the real camera is rotated from the calibration the model view assumes (roll, pitch, yaw),
    /// rad: drawn into the image, unknown to the labels, so the model learns to tolerate calibration error.</summary>
    public (double Roll, double Pitch, double Yaw) MountingError { get; init; }

    /// <summary>Lateral position (m, right) of line <paramref name="line"/> (0 = leftmost) relative to the ego lane centre.</summary>
    public double LineOffset(int line) => (line - EgoLane - 0.5) * LaneWidth;

    public double LeftEdgeOffset => LineOffset(0) - Shoulders.Left;
    public double RightEdgeOffset => LineOffset(LaneCount) + Shoulders.Right;

    /// <summary>Lateral position (m, right, camera frame) of the road's reference line (the ego lane centre) at
    /// <paramref name="x"/> m ahead: a clothoid, small-angle form.</summary>
    public double CenterAt(double x) =>
        -EgoOffset + HeadingError * x + Curvature * x * x / 2 + CurvatureRate * x * x * x / 6;

    /// <summary>Height of the road surface above the camera's ground point at <paramref name="x"/> m ahead, m.</summary>
    public double RoadHeightAt(double x) => VerticalCurvature * x * x / 2;

    /// <summary>The scene <paramref name="dt"/> seconds later: the ego car drives on, keeping its place in its lane
    /// (offset and heading error unchanged), along a clothoid whose curvature changes at its rate; others move.</summary>
    public RoadScene Advance(double dt)
    {
        double ds = EgoSpeed * dt;
        return this with
        {
            Odometer = Odometer + ds,
            Curvature = Curvature + CurvatureRate * ds,
            Vehicles = Vehicles.Select(v => v with
            {
                Distance = v.Distance + (v.Speed - EgoSpeed) * dt + v.Acceleration * dt * dt / 2,
                Speed = v.Speed + v.Acceleration * dt,
                Lateral = v.Lateral + v.LateralSpeed * dt,
            }).ToArray(),
        };
    }
}

/// <summary>Lighting and sensor appearance of a scene.</summary>
/// <param name="Asphalt">Road colour, RGB 0..1.</param>
/// <param name="Verge">Colour beyond the road edges (grass, dirt), RGB 0..1.</param>
/// <param name="Sky">Sky colour at the horizon, RGB 0..1.</param>
/// <param name="Brightness">Exposure multiplier.</param>
/// <param name="Contrast">Contrast about mid-grey.</param>
/// <param name="Shadows">Tree and building shadows across the road: (distance m, lateral m, length m, width m, darkness 0..1).</param>
/// <param name="Glare">Sun glare: (u, v) in the normalised image (0..1) and strength 0..1.</param>
/// <param name="Noise">Sensor noise standard deviation, luma units 0..1.</param>
/// <param name="Blur">Defocus/motion blur radius, pixels of the model view (0 = sharp).</param>
/// <param name="NoiseSeed">Seed of the per-frame sensor noise.</param>
public sealed record SceneLook((float R, float G, float B) Asphalt, (float R, float G, float B) Verge, (float R, float G, float B) Sky,
    float Brightness, float Contrast, (double X, double Y, double Length, double Width, float Darkness)[] Shadows,
    (float U, float V, float Strength) Glare, float Noise, int Blur, int NoiseSeed);
