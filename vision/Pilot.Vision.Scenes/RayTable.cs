using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Scenes;

/// <summary>
/// For every pixel of a camera, the direction of its ray in the calibrated frame, scaled to unit forward component:
/// (1, dy, dz) with y right and z down. Built once per camera and mounting, then shared by every rendered frame.
/// </summary>
public sealed class RayTable
{
    public int Width { get; }
    public int Height { get; }
    /// <summary>[Height, Width, 2]: dy, dz per unit of forward distance; NaN for rays that do not point forward.</summary>
    internal float[] Slopes { get; }
    /// <summary>Lateral size of one pixel per metre of distance (m/m): paint coverage at distance x is width / (x · this).</summary>
    internal float PixelAngle { get; }

    public RayTable(PinholeCamera camera, RoadCalibration mounting)
    {
        Width = camera.Width;
        Height = camera.Height;
        Slopes = new float[Width * Height * 2];
        PixelAngle = (float)(1 / camera.Fx);
        var calibratedFromCamera = mounting.CameraFromCalibratedView.Transpose();
        var deviceFromView = RoadCalibration.ViewFromDevice.Transpose();
        for (int v = 0; v < Height; v++)
            for (int u = 0; u < Width; u++)
            {
                var ray = deviceFromView * (calibratedFromCamera * camera.Ray(u, v));
                bool forward = ray.X > 1e-6;
                Slopes[2 * (v * Width + u)] = forward ? (float)(ray.Y / ray.X) : float.NaN;
                Slopes[2 * (v * Width + u) + 1] = forward ? (float)(ray.Z / ray.X) : float.NaN;
            }
    }

    /// <summary>The model's own view, level and aligned with the road, optionally with a small mounting error (rad)
    /// that the renderer applies but the labels do not know about.</summary>
    public static RayTable ForModel(ModelView view, double rollError = 0, double pitchError = 0, double yawError = 0) =>
        new(view.Camera, new RoadCalibration(rollError, pitchError, yawError));
}
