using Pilot.Messaging;
using Pilot.Vision.Camera.Geometry;

namespace Pilot.Modeld;

/// <summary>What modeld runs and how the road camera is mounted.</summary>
public sealed record ModeldOptions
{
    /// <summary>Driving network checkpoint (<c>pilot train lanes</c> writes it).</summary>
    public required string Weights { get; init; }

    /// <summary>
    /// The road camera's intrinsics for a frame of (width, height). Default: focal length = width (about 53° horizontal
    /// field of view), principal point at the centre, as the overlay command assumes for dash-cam video.
    /// </summary>
    public Func<int, int, PinholeCamera> Camera { get; init; } = (w, h) => new PinholeCamera(w, w, w / 2.0, h / 2.0, w, h);

    /// <summary>How the camera sits on the car (roll, pitch, yaw, height).</summary>
    public RoadCalibration Calibration { get; init; } = RoadCalibration.Level();

    /// <summary>The bus whose shared-memory pool carries the frames.</summary>
    public Bus VisionBus { get; init; } = Bus.FromEnvironment();

    /// <summary>
    /// Threads the network runs on. One by default: on a device whose cores the other daemons share, a second inference
    /// thread waits at every layer for a core another process holds (a 2 ms network took 21 ms in a 2-core drive), while
    /// one thread finishes in a few milliseconds whoever else runs.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>How long a step waits for the frame named by roadCameraState to reach the frame socket (I/O, not logic time).</summary>
    public TimeSpan FrameWait { get; init; } = TimeSpan.FromMilliseconds(50);
}
