using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Camera.Calibration;

/// <summary>One photo's part in a calibration.</summary>
/// <param name="Name">The photo (file name, or an index for in-memory images).</param>
/// <param name="Found">Whether the whole board was found; views without it take no part.</param>
/// <param name="RmsError">Reprojection RMS of this view's corners, pixels (NaN when not found).</param>
/// <param name="Rotation">Board-to-camera rotation (Rodrigues vector, rad).</param>
/// <param name="Translation">Board origin in the camera frame, in board units (squares when the square size is 1).</param>
public sealed record CalibrationView(string Name, bool Found, double RmsError, Vec3 Rotation, Vec3 Translation);

/// <summary>The calibrated camera and how well it explains the photos.</summary>
/// <param name="Camera">Intrinsics and distortion.</param>
/// <param name="RmsError">Reprojection RMS over all corners of all used views, pixels (as OpenCV's calibrateCamera returns).</param>
/// <param name="Views">Every photo, found or not.</param>
public sealed record CalibrationResult(PinholeCamera Camera, double RmsError, IReadOnlyList<CalibrationView> Views)
{
    public int UsedViews => Views.Count(v => v.Found);
}
