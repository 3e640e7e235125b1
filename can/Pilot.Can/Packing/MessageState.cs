using Pilot.Can.Dbc;

namespace Pilot.Can.Packing;

/// <summary>
/// What a <see cref="CanParser"/> knows about one message: its latest accepted values, when it was last seen, and
/// the health checks (counter, checksum, timeout). Values are only replaced by frames that pass both checks.
/// </summary>
public sealed class MessageState
{
    /// <summary>opendbc MAX_BAD_COUNTER: this many counter errors (net of good frames) invalidate the message.</summary>
    public const int MaxBadCounter = 5;

    /// <summary>Frames used to learn the period of a message that has no rate in the DBC or the subscription.</summary>
    public const int FramesToLearnRate = 5;

    /// <summary>Timeout in periods (ARCHITECTURE: alive = heard within 10 periods).</summary>
    public const int TimeoutPeriods = 10;

    private readonly double[] _values;    // [signal index] physical values of the last accepted frame
    private readonly double[] _scratch;   // [signal index] decode target before the checks pass
    private readonly MessageChecks _checks;
    private long _firstLearnNs = -1;
    private int _learnFrames;
    private long _counter = -1;

    internal MessageState(Message message, MessageChecks checks, double? frequencyHz, long unlearnedTimeoutNs)
    {
        Message = message;
        _checks = checks;
        _values = new double[message.Signals.Count];
        _scratch = new double[message.Signals.Count];
        double? hz = frequencyHz ?? (message.CycleTimeMs is double ms ? 1000.0 / ms : null);
        if (frequencyHz is 0) IgnoreAlive = true;
        else if (hz is double f) TimeoutNs = (long)(TimeoutPeriods * 1e9 / f);
        else TimeoutNs = unlearnedTimeoutNs;
        RateKnown = hz is > 0;
    }

    public Message Message { get; }

    /// <summary>Latest accepted physical values, by signal index (NaN for signals not selected by the multiplexer).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The latest accepted value of signal <paramref name="signalName"/>.</summary>
    public double this[string signalName] => _values[Message.GetSignal(signalName).Index];

    /// <summary>Monotonic time (ns) of the last accepted frame (see <see cref="Seen"/>).</summary>
    public long TimestampNs { get; private set; }

    /// <summary>True when a frame was accepted during the last <see cref="CanParser.Update(long, IEnumerable{CanFrame})"/> batch.</summary>
    public bool Updated { get; internal set; }

    /// <summary>Current counter error level (0..<see cref="MaxBadCounter"/>): +1 per skipped/repeated counter, −1 per good one.</summary>
    public int CounterErrors { get; private set; }

    /// <summary>Total frames rejected for a wrong checksum.</summary>
    public long ChecksumFailures { get; private set; }

    /// <summary>Total frames rejected for their length.</summary>
    public long LengthErrors { get; private set; }

    /// <summary>Timeout (ns) after which the message is stale: 10 periods from the DBC/subscription rate, else learned.</summary>
    public long TimeoutNs { get; private set; }

    /// <summary>True once the rate is known (given, from GenMsgCycleTime, or learned from traffic).</summary>
    public bool RateKnown { get; private set; }

    /// <summary>True when the subscription asked for no timeout check (frequency 0).</summary>
    public bool IgnoreAlive { get; }

    /// <summary>Healthy at <paramref name="nowNs"/>: seen, not stale, counter errors below the limit.</summary>
    public bool IsValid(long nowNs) => Seen && CounterErrors < MaxBadCounter && (IgnoreAlive || nowNs - TimestampNs <= TimeoutNs);

    /// <summary>True once a frame has been accepted.</summary>
    public bool Seen { get; private set; }

    /// <summary>Checks and, when it passes, accepts a frame. Returns whether it was accepted.</summary>
    internal bool Parse(long nowNs, ReadOnlySpan<byte> data)
    {
        if (data.Length < Message.Length || data.Length > 64)
        {
            LengthErrors++;
            return false;
        }
        Message.Codec.Decode(data, _scratch);
        if (_checks.Algorithm != Checksums.ChecksumAlgorithm.None)
        {
            ulong carried = Message.Codec.DecodeRaw(data, _checks.Checksum!.Index);
            if (_checks.Compute(Message.FrameId, data[..Message.Length]) != carried)
            {
                ChecksumFailures++;
                return false;
            }
        }
        if (_checks.Counter is { } counter && !UpdateCounter((long)Message.Codec.DecodeRaw(data, counter.Index), counter.Length))
            return false;
        _scratch.CopyTo(_values, 0);
        Learn(nowNs);
        TimestampNs = nowNs;
        Seen = true;
        Updated = true;
        return true;
    }

    // opendbc update_counter_generic, except that the first frame only sets the counter (nothing to compare with yet).
    private bool UpdateCounter(long value, int bits)
    {
        if (_counter >= 0)
        {
            long expected = (_counter + 1) & (bits >= 63 ? long.MaxValue : (1L << bits) - 1);
            if (expected != value) CounterErrors = Math.Min(CounterErrors + 1, MaxBadCounter);
            else if (CounterErrors > 0) CounterErrors--;
        }
        _counter = value;
        return CounterErrors < MaxBadCounter;
    }

    private void Learn(long nowNs)
    {
        if (RateKnown || IgnoreAlive) return;
        if (_firstLearnNs < 0) _firstLearnNs = nowNs;
        if (++_learnFrames < FramesToLearnRate) return;
        long period = (nowNs - _firstLearnNs) / (_learnFrames - 1);
        if (period <= 0) return;
        TimeoutNs = TimeoutPeriods * period;
        RateKnown = true;
    }
}
