using Pilot.Capnp;
using Pilot.Messaging.Schema;

namespace Pilot.Messaging.PubSub;

/// <summary>What a <see cref="SubMaster"/> knows about one subscribed service.</summary>
public sealed class ServiceState
{
    public const int AlivePeriods = 10;                    // alive = heard within 10 nominal periods (openpilot)
    public const double MinFrequencyRatio = 0.8, MaxFrequencyRatio = 1.2;   // frequency band around the nominal rate
    private const double FrequencyWindow = 2.0;            // s of receive times averaged (200 samples at 100 Hz)
    private const int MinFrequencySamples = 5;             // fewer receptions judge nothing yet (freq not ok)

    private readonly long[] _recvTimes;                    // ring of receive times, ns
    private int _ringCount, _ringNext;

    internal ServiceState(ServiceInfo service)
    {
        Service = service;
        _recvTimes = new long[Math.Clamp((int)Math.Ceiling(service.RateHz * FrequencyWindow) + 1, MinFrequencySamples, 1024)];
    }

    public ServiceInfo Service { get; }
    /// <summary>A message arrived in the last update.</summary>
    public bool Updated { get; internal set; }
    /// <summary>Heard within 10 periods (always true for event-driven services once heard).</summary>
    public bool Alive { get; private set; }
    /// <summary>Receive rate averaged over the last ~2 s is within 0.8..1.2 of the nominal rate.</summary>
    public bool FrequencyOk { get; private set; }
    /// <summary>The newest message's <c>valid</c> flag (false before the first message).</summary>
    public bool Valid { get; private set; }
    /// <summary>Messages received since start.</summary>
    public long ReceiveCount { get; private set; }
    /// <summary>When the newest message was received, ns monotonic (transport clock).</summary>
    public long ReceiveTimeNs { get; private set; }
    /// <summary>logMonoTime of the newest message, ns.</summary>
    public ulong LogMonoTime { get; private set; }
    /// <summary>Measured rate over the averaging window, Hz (0 until two messages arrived).</summary>
    public double FrequencyHz { get; private set; }
    /// <summary>The newest message, framed bytes.</summary>
    public byte[]? Raw { get; private set; }
    /// <summary>The newest Event (default when none arrived yet).</summary>
    public StructReader Event { get; private set; }
    /// <summary>The newest Event's union member: the service's payload struct (lists: read <see cref="Event"/> pointer 0).</summary>
    public StructReader Payload => Event.ReadStruct(EventLayout.Payload);

    internal void Receive(byte[] message, long nowNs)
    {
        var ev = MessageReader.ReadFramed(message).Root;
        Raw = message;
        Event = ev;
        Valid = EventLayout.ReadValid(ev);
        LogMonoTime = EventLayout.ReadLogMonoTime(ev);
        ReceiveTimeNs = nowNs;
        ReceiveCount++;
        Updated = true;
        _recvTimes[_ringNext] = nowNs;
        _ringNext = (_ringNext + 1) % _recvTimes.Length;
        _ringCount = Math.Min(_ringCount + 1, _recvTimes.Length);
    }

    internal void Check(long nowNs)
    {
        if (Service.RateHz <= 0)
        {
            Alive = ReceiveCount > 0;
            FrequencyOk = true;
            return;
        }
        Alive = ReceiveCount > 0 && nowNs - ReceiveTimeNs < AlivePeriods * Service.Period * 1e9;
        if (_ringCount >= 2)
        {
            long oldest = _recvTimes[(_ringNext - _ringCount + _recvTimes.Length) % _recvTimes.Length];
            long span = ReceiveTimeNs - oldest;
            FrequencyHz = span > 0 ? (_ringCount - 1) * 1e9 / span : double.PositiveInfinity;
        }
        FrequencyOk = _ringCount >= MinFrequencySamples
            && FrequencyHz >= MinFrequencyRatio * Service.RateHz && FrequencyHz <= MaxFrequencyRatio * Service.RateHz;
    }

    /// <summary>Why this service fails its checks, or null when it passes.</summary>
    internal string? Failure(long nowNs, bool checkAlive, bool checkFrequency, bool checkValid)
    {
        if (ReceiveCount == 0) return "never received";
        if (checkAlive && !Alive)
            return $"not alive: last heard {(nowNs - ReceiveTimeNs) / 1e6:F1} ms ago, limit {AlivePeriods * Service.Period * 1e3:F1} ms";
        if (checkFrequency && !FrequencyOk)
            return _ringCount < MinFrequencySamples
                ? $"frequency not judged yet: {_ringCount} of {MinFrequencySamples} messages"
                : $"frequency {FrequencyHz:F1} Hz outside {MinFrequencyRatio * Service.RateHz:F1}..{MaxFrequencyRatio * Service.RateHz:F1} Hz";
        if (checkValid && !Valid) return "marked invalid by its publisher";
        return null;
    }
}
