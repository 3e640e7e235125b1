namespace Pilot.Vision.Camera.Geometry;

/// <summary>
/// How the camera sits relative to the road, openpilot's conventions: the device frame is x forward, y right,
/// z down (metres); the calibrated frame is the device frame rotated so that x follows the road. The camera's
/// own axes ("view" frame) are x right, y down, z forward.
/// </summary>
/// <param name="Roll">Rotation about the forward axis, rad.</param>
/// <param name="Pitch">Rotation about the right axis, rad (positive: camera looks down).</param>
/// <param name="Yaw">Rotation about the down axis, rad (positive: camera looks right).</param>
/// <param name="Height">Camera height above the road, metres (1.22 m is openpilot's default for a comma device).</param>
public sealed record RoadCalibration(double Roll, double Pitch, double Yaw, double Height = 1.22)
{
    /// <summary>A level camera looking straight down the road.</summary>
    public static RoadCalibration Level(double height = 1.22) => new(0, 0, 0, height);

    /// <summary>Device axes expressed in view axes: view = <see cref="ViewFromDevice"/> · device.</summary>
    public static Mat3 ViewFromDevice => new(0, 1, 0, 0, 0, 1, 1, 0, 0);

    /// <summary>Rotation taking calibrated-frame vectors to device-frame vectors.</summary>
    public Mat3 DeviceFromCalibrated => Rotation.FromRollPitchYaw(Roll, Pitch, Yaw);

    /// <summary>
    /// Rotation taking a direction in the calibrated view frame (a virtual camera aligned with the road) to the
    /// physical camera's view frame: V · R · Vᵀ.
    /// </summary>
    public Mat3 CameraFromCalibratedView => ViewFromDevice * DeviceFromCalibrated * ViewFromDevice.Transpose();

    /// <summary>A point on the road, <paramref name="forward"/> m ahead and <paramref name="right"/> m to the
    /// right of the camera (calibrated frame), in the physical camera's view frame.</summary>
    public Vec3 RoadPointInCamera(double forward, double right, double up = 0) =>
        ViewFromDevice * (DeviceFromCalibrated * new Vec3(forward, right, Height - up));
}
