using Pilot.Camerad.Pixels;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Scenes;

namespace Pilot.Camerad.Sources;

/// <summary>
/// Frames rendered by the road-scene generator from the newest <c>simulatorState</c>: the simulated world as the car's
/// camera sees it. Frames are paced on the transport clock; until the first state arrives there is nothing to render.
/// A frame is exposed at the instant its world is sampled: start and end of frame are both that poll's time (the pacer's
/// due time only decides which frame is next), and the render that follows is camerad's processing time.
/// </summary>
public sealed class SimulatorSource : IFrameSource
{
    private readonly SceneRenderer _renderer;
    private readonly Func<SimulatorState.Reader, RoadScene> _scene;
    private readonly FramePacer _pacer;
    private readonly byte[] _packed;   // rendered NV12, width × height × 1.5

    /// <param name="camera">the simulated camera's intrinsics</param>
    /// <param name="mounting">how it sits on the simulated car</param>
    /// <param name="scene">the world of a simulator state, in the renderer's road frame</param>
    /// <param name="rateHz">frame rate</param>
    public SimulatorSource(PinholeCamera camera, RoadCalibration mounting, Func<SimulatorState.Reader, RoadScene> scene, double rateHz)
    {
        Geometry = FrameGeometry.For(camera.Width, camera.Height);
        _renderer = new SceneRenderer(new RayTable(camera, mounting));
        _scene = scene;
        _pacer = new FramePacer(rateHz);
        _packed = new byte[camera.Width * camera.Height * 3 / 2];
    }

    public FrameGeometry Geometry { get; }
    public FrameData.ImageSensor Sensor => FrameData.ImageSensor.Video;
    public IReadOnlyList<string> Inputs { get; } = ["simulatorState"];

    public bool TryCapture(long nowNs, SubMaster inputs, Span<byte> frame, out SourceFrame captured)
    {
        captured = default;
        var state = inputs["simulatorState"];
        if (state.ReceiveCount == 0 || !_pacer.TryDue(nowNs, out long id, out _)) return false;
        var scene = _scene(new Event.Reader(state.Event).SimulatorState);
        _renderer.RenderNv12(scene, _packed);
        FrameConversion.Nv12ToNv12(_packed, Geometry.Width, Geometry, frame);
        captured = new SourceFrame((uint)id, (ulong)nowNs, (ulong)nowNs);
        return true;
    }

    public void Dispose() { }
}
