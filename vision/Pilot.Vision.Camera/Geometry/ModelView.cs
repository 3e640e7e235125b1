namespace Pilot.Vision.Camera.Geometry;

/// <summary>
/// The virtual, road-aligned camera whose image the driving model sees: a distortion-free pinhole in the calibrated
/// frame. The default is openpilot's "medmodel" view: 512×256 pixels, focal 910 px, principal point (256, 47.6),
/// so the horizon sits near the top and the road fills the frame. Its YUV 4:2:0 image becomes the model's
/// 6 × 128 × 256 input.
/// </summary>
public sealed record ModelView(int Width = 512, int Height = 256, double Focal = 910.0, double Cx = 256.0, double Cy = 47.6)
{
    public static ModelView Default { get; } = new();

    public PinholeCamera Camera => new(Focal, Focal, Cx, Cy, Width, Height);

    /// <summary>Pixel of a road point <paramref name="forward"/> m ahead, <paramref name="right"/> m right of the
    /// camera, <paramref name="height"/> m below it (all in the calibrated frame).</summary>
    public bool TryProjectRoad(double forward, double right, double height, out double u, out double v) =>
        Camera.TryProject(RoadCalibration.ViewFromDevice * new Vec3(forward, right, height), out u, out v);
}
