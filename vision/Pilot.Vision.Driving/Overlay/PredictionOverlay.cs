using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Scenes;

namespace Pilot.Vision.Driving.Overlay;

/// <summary>
/// Draws a prediction onto the camera frame it came from: the ego lane's lines (green), the road edges (red), the
/// planned path (blue) and the lead vehicle as a box of a typical car's size (yellow), each projected from the
/// calibrated frame through the camera model.
/// </summary>
public static class PredictionOverlay
{
    /// <summary>Lines are drawn between these distances, m.</summary>
    public const double NearDistance = 4, FarDistance = 80;

    /// <summary>Lines below this probability are not drawn.</summary>
    public const float MinProbability = 0.5f;

    private static readonly (byte, byte, byte) LaneColor = Nv12Canvas.Color(40, 220, 60), EdgeColor = Nv12Canvas.Color(230, 40, 40),
        PathColor = Nv12Canvas.Color(60, 120, 255), LeadColor = Nv12Canvas.Color(255, 220, 0);

    public static void Draw(Span<byte> nv12, PinholeCamera camera, RoadCalibration calibration, DrivingPrediction p)
    {
        var canvas = new Nv12Canvas(nv12, camera.Width, camera.Height);
        for (int line = 1; line <= 2; line++)
            if (p.LaneLineProbs[line] >= MinProbability)
                Polyline(ref canvas, camera, calibration, DrivingPrediction.Row(p.LaneLines, line), LaneColor);
        for (int edge = 0; edge < DrivingOutputs.Edges; edge++)
            Polyline(ref canvas, camera, calibration, DrivingPrediction.Row(p.RoadEdges, edge), EdgeColor);
        Polyline(ref canvas, camera, calibration, p.Path, PathColor);
        if (p.LeadProb >= MinProbability && p.LeadX > 1)
        {
            const double halfWidth = 0.9, height = 1.5;  // a typical car, m
            var bottomLeft = calibration.RoadPointInCamera(p.LeadX, p.LeadY - halfWidth);
            var topRight = calibration.RoadPointInCamera(p.LeadX, p.LeadY + halfWidth, up: height);
            if (camera.TryProject(bottomLeft, out double u0, out double v0) && camera.TryProject(topRight, out double u1, out double v1))
                canvas.Box(u0, v1, u1, v0, LeadColor);
        }
    }

    private static void Polyline(ref Nv12Canvas canvas, PinholeCamera camera, RoadCalibration calibration, ReadOnlySpan<float> lateral, (byte, byte, byte) color)
    {
        double? pu = null, pv = null;
        for (double x = NearDistance; x <= FarDistance; x += x < 20 ? 1 : 4)
        {
            float y = GridInterpolation.At(lateral, x);
            if (!camera.TryProject(calibration.RoadPointInCamera(x, y), out double u, out double v) || !camera.Contains(u, v)) { pu = null; continue; }
            if (pu is { } lu && pv is { } lv) canvas.Line(lu, lv, u, v, color);
            (pu, pv) = (u, v);
        }
    }
}
