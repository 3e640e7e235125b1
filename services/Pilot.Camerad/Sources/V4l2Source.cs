using Pilot.Camerad.Pixels;
using Pilot.Camerad.V4l2;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;

namespace Pilot.Camerad.Sources;

/// <summary>
/// Frames of a V4L2 camera (/dev/videoN) in NV12, YUYV or MJPEG, converted to the pool's NV12. The camera paces itself:
/// each poll takes the newest filled driver buffer (older ones queued behind it go straight back to the driver, so a late
/// loop never shows stale frames). Frame ids and timestamps are the driver's.
/// </summary>
public sealed class V4l2Source : IFrameSource
{
    private readonly V4l2Camera _camera;
    private readonly MjpegDecoder? _mjpeg;
    private uint? _firstSequence;

    public V4l2Source(string device, int width, int height, CaptureFormat format)
    {
        _camera = new V4l2Camera(device, width, height, format);
        Geometry = FrameGeometry.For(_camera.Width, _camera.Height);
        if (format == CaptureFormat.Mjpeg) _mjpeg = new MjpegDecoder(Geometry);
    }

    public FrameGeometry Geometry { get; }
    public FrameData.ImageSensor Sensor => FrameData.ImageSensor.V4l2;
    public IReadOnlyList<string> Inputs => [];
    public string Description => $"{_camera.Path} ({_camera.Card}) {_camera.Format} {_camera.Width}x{_camera.Height}";

    public bool TryCapture(long nowNs, SubMaster inputs, Span<byte> frame, out SourceFrame captured)
    {
        captured = default;
        if (!_camera.TryDequeue(0, out var buffer)) return false;
        while (_camera.TryDequeue(0, out var newer))
        {
            _camera.Requeue(buffer.Index);
            buffer = newer;
        }
        try
        {
            switch (_camera.Format)
            {
                case CaptureFormat.Yuyv: FrameConversion.YuyvToNv12(buffer.Data, _camera.BytesPerLine, Geometry, frame); break;
                case CaptureFormat.Nv12: FrameConversion.Nv12ToNv12(buffer.Data, _camera.BytesPerLine, Geometry, frame); break;
                default: _mjpeg!.Decode(buffer.Data, frame); break;
            }
            _firstSequence ??= buffer.Sequence;
            // The driver stamps one instant, the start of exposure or (by default) the end of the frame; the other is
            // not reported, so both fields carry the one known time.
            captured = new SourceFrame(buffer.Sequence - _firstSequence.Value, buffer.TimestampNs, buffer.TimestampNs);
            return true;
        }
        finally
        {
            _camera.Requeue(buffer.Index);
        }
    }

    public void Dispose() => _camera.Dispose();
}
