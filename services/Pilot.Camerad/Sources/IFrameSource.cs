using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;

namespace Pilot.Camerad.Sources;

/// <summary>When a captured frame was taken, and its number in the stream.</summary>
/// <param name="FrameId">frame counter, from 0; gaps mean frames were dropped (driver, decoder or a late loop)</param>
/// <param name="TimestampSof">start of frame, ns monotonic</param>
/// <param name="TimestampEof">end of frame, ns monotonic</param>
public readonly record struct SourceFrame(uint FrameId, ulong TimestampSof, ulong TimestampEof);

/// <summary>
/// Where camerad's frames come from. A source is polled once per camerad step; it returns the frame due at that time (or
/// none) as NV12 laid out as <see cref="Geometry"/>. Sources never sleep: pacing compares frame times with the
/// transport's clock, so the same source runs live and in step mode.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>Layout of the frames written (NV12, pool stride).</summary>
    FrameGeometry Geometry { get; }

    /// <summary>What roadCameraState reports as the sensor.</summary>
    FrameData.ImageSensor Sensor { get; }

    /// <summary>Services the source reads from camerad's inputs (the simulator's state); usually none.</summary>
    IReadOnlyList<string> Inputs { get; }

    /// <summary>Writes the frame due at <paramref name="nowNs"/> into <paramref name="frame"/>; false when none is due or ready.</summary>
    bool TryCapture(long nowNs, SubMaster inputs, Span<byte> frame, out SourceFrame captured);
}
