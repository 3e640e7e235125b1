using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Daemons;

namespace Pilot.Manager.Loggerd;

/// <summary>
/// loggerd: records every should-log service into route segments (rlog, qlog) and the road camera into each segment's
/// H.264 video with its roadEncodeIdx events, through <see cref="RouteLogger"/>. It reads its own subscribers rather than
/// a <see cref="SubMaster"/>, which keeps only the newest message of each service: a log needs every message.
/// </summary>
public sealed class Loggerd : IDaemon
{
    public const double RateHz = 100;   // drains queues every 10 ms: far inside the 1000-message and 8-frame-buffer limits

    private readonly ISubscriber[] _subscribers;
    private readonly VisionClient? _video;
    private readonly RouteLogger _logger;
    private byte[] _pixels = [];   // one frame copied out of shared memory, so a buffer reused mid-encode is caught

    public Loggerd(ITransport transport, LoggerdOptions options)
    {
        _subscribers = LoggerdOptions.Recorded.Select(s => transport.Subscribe(s, conflate: false)).ToArray();
        // Camera frames travel in shared memory beside a live bus; a step-mode bus carries no frames, so no video there.
        Pilot.Messaging.Bus? live = transport switch { NetMqTransport n => n.Bus, Pilot.Messaging.PubSub.Shm.ShmTransport s => s.Bus, _ => null };
        if (options.RecordVideo && live is not null) _video = new VisionClient(VisionStream.Road, live);
        _logger = new RouteLogger(options.OutDir, new RouteLoggerOptions { SegmentLength = options.SegmentLength, RouteName = options.RouteName });
        _logger.Error += message => Console.Error.WriteLine($"loggerd: {message}");
        Inputs = new SubMaster([], transport: transport);
        Schedule = new Schedule.Timed(RateHz);
    }

    public string Name => "loggerd";
    public Schedule Schedule { get; }
    public SubMaster Inputs { get; }
    public string RoutePath => _logger.RoutePath;
    /// <summary>Segment being written (−1 before the first event).</summary>
    public int Segment => _logger.Segment;
    public long Events { get; private set; }
    public long Frames { get; private set; }
    /// <summary>Frames whose buffer the camera reused while they were copied (not recorded).</summary>
    public long TornFrames { get; private set; }
    public long DroppedEvents => _logger.DroppedEvents;

    /// <summary>Writes every queued message and every queued road frame.</summary>
    public void Step()
    {
        foreach (var sub in _subscribers)
            while (sub.TryReceive(out var message))
            {
                _logger.Write(message);
                Events++;
            }
        while (_video is not null && _video.TryReceive(TimeSpan.Zero, out var frame))
        {
            var data = frame.Data;
            if (_pixels.Length != data.Length) _pixels = new byte[data.Length];
            data.CopyTo(_pixels);
            if (!frame.IsIntact) { TornFrames++; continue; }
            _logger.WriteFrame(frame.Descriptor, _pixels);
            Frames++;
        }
    }

    public void Dispose()
    {
        _logger.Close();
        _logger.Dispose();
        _video?.Dispose();
        foreach (var sub in _subscribers) sub.Dispose();
        Inputs.Dispose();
    }
}
