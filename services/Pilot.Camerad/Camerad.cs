using Pilot.Camerad.Sources;
using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Daemons;

namespace Pilot.Camerad;

/// <summary>
/// camerad: at the camera rate, takes the due frame from its source, writes it into the road stream's shared-memory
/// pool (descriptor over the vision endpoint) and publishes its metadata as <c>roadCameraState</c>. A step with no due
/// frame publishes nothing. The frame path (capture, conversion, pool) allocates nothing per frame.
/// </summary>
public sealed class Camerad : IDaemon
{
    private static readonly float[] Identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];   // no warp applied to the image

    private readonly ITransport _transport;
    private readonly IFrameSource _source;
    private readonly VisionServer _server;
    private readonly PubMaster _pub;
    private readonly MessageBuilder _message = new();
    private readonly byte[] _frame;   // the source writes here first: a failed capture must not leave a pool buffer half written

    public Camerad(ITransport transport, CameradOptions options)
    {
        _transport = transport;
        _source = options.Source();
        try
        {
            Schedule = new Schedule.Timed(options.RateHz);
            _frame = new byte[_source.Geometry.Size];
            _server = new VisionServer(VisionStream.Road, _source.Geometry, options.PoolBuffers, options.VisionBus);
            _pub = new PubMaster(["roadCameraState"], transport);
            Inputs = new SubMaster(_source.Inputs, transport: transport);
        }
        catch
        {
            _source.Dispose();
            _server?.Dispose();
            throw;
        }
    }

    public string Name => "camerad";
    public Schedule Schedule { get; }
    public SubMaster Inputs { get; }
    /// <summary>The pool the frames go to (readers map it by path).</summary>
    public SharedFramePool Pool => _server.Pool;
    /// <summary>Frames published so far.</summary>
    public long Frames { get; private set; }

    public void Step()
    {
        if (!_source.TryCapture(_transport.NowNs(), Inputs, _frame, out var captured)) return;
        _frame.CopyTo(_server.Acquire());
        _server.Publish(captured.FrameId, captured.TimestampSof, captured.TimestampEof);
        Frames++;

        _message.Reset();
        var state = new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitRoadCameraState();
        state.SetFrameId(captured.FrameId);
        state.SetTimestampSof(captured.TimestampSof);
        state.SetTimestampEof(captured.TimestampEof);
        state.SetWidth((uint)_source.Geometry.Width);
        state.SetHeight((uint)_source.Geometry.Height);
        state.SetSensor(_source.Sensor);
        state.SetProcessingTime(Math.Max(0, _transport.NowNs() - (long)captured.TimestampEof) / 1e9f);
        var transform = state.InitTransform(Identity.Length);
        for (int i = 0; i < Identity.Length; i++) transform[i] = Identity[i];
        _pub.Send("roadCameraState", _message, valid: Inputs.AllOk());
    }

    public void Dispose()
    {
        Inputs.Dispose();
        _pub.Dispose();
        _server.Dispose();
        _source.Dispose();
    }
}
