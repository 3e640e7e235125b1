using Pilot.Can.Checksums;
using Pilot.Can.Dbc;

namespace Pilot.Can.Packing;

/// <summary>
/// Keeps the latest values of a set of messages on one bus and judges their health, as opendbc's CANParser does:
/// per message a timeout of 10 periods (rate from the subscription, else GenMsgCycleTime, else learned from the first
/// frames), counter checking (5 errors invalidate), checksum checking with the database's <see cref="ChecksumProfile"/>
/// (failing frames are dropped, so persistent failures end in a timeout), and a bus timeout.
/// <see cref="CanValid"/> is the one flag a car interface needs. Refuses by default: a message never seen is invalid.
/// </summary>
public sealed class CanParser
{
    /// <summary>Timeout (ns) used for a message whose rate is not known yet (1 s, ARCHITECTURE's floor for RX timeouts).</summary>
    public const long UnlearnedTimeoutNs = 1_000_000_000;

    /// <summary>No frame at all on the bus for this long (ns) is a bus timeout (opendbc uses 500 ms).</summary>
    public const long DefaultBusTimeoutNs = 500_000_000;

    private readonly Dictionary<uint, MessageState> _byAddress = [];
    private readonly Dictionary<string, MessageState> _byName = new(StringComparer.Ordinal);
    private readonly MessageState[] _states;
    private long _lastFrameNs = -1;
    private long _startNs = -1;

    /// <param name="database">The database.</param>
    /// <param name="messages">Messages to track, by name, with their expected frequency in Hz (null: from the DBC or
    /// learned; 0: never time out).</param>
    /// <param name="bus">Only frames on this bus are parsed.</param>
    /// <param name="profile">Checksum profile; by default chosen from the database name.</param>
    public CanParser(DbcDatabase database, IEnumerable<(string Name, double? FrequencyHz)> messages, int bus = 0, ChecksumProfile? profile = null)
    {
        Database = database;
        Bus = bus;
        Profile = profile ?? ChecksumProfile.ForDatabase(database.Name);
        foreach (var (name, hz) in messages)
        {
            var m = database.GetMessage(name);
            var state = new MessageState(m, new MessageChecks(m, Profile), hz, UnlearnedTimeoutNs);
            _byAddress[m.FrameId] = state;
            _byName[m.Name] = state;
        }
        _states = _byAddress.Values.ToArray();
    }

    public DbcDatabase Database { get; }
    public int Bus { get; }
    public ChecksumProfile Profile { get; }

    /// <summary>No frame on the bus for <see cref="BusTimeoutNs"/>.</summary>
    public bool BusTimeout { get; private set; }

    public long BusTimeoutNs { get; init; } = DefaultBusTimeoutNs;

    /// <summary>Every tracked message valid (seen, fresh, counters good) and no bus timeout, as of the last update.</summary>
    public bool CanValid { get; private set; }

    /// <summary>The state of tracked message <paramref name="name"/>.</summary>
    public MessageState this[string name] => _byName.TryGetValue(name, out var s) ? s
        : throw new KeyNotFoundException($"the parser does not track message '{name}'");

    public IReadOnlyCollection<MessageState> Messages => _states;

    /// <summary>Parses one frame (allocation-free); call <see cref="UpdateValid"/> after a batch. Returns whether it was accepted.</summary>
    public bool Parse(long nowNs, uint address, ReadOnlySpan<byte> data, int bus)
    {
        if (bus != Bus) return false;
        _lastFrameNs = nowNs;
        return _byAddress.TryGetValue(address, out var state) && state.Parse(nowNs, data);
    }

    /// <summary>Parses a batch of frames received at <paramref name="nowNs"/> and updates validity.</summary>
    public void Update(long nowNs, IEnumerable<CanFrame> frames)
    {
        foreach (var s in _states) s.Updated = false;
        foreach (var f in frames) Parse(nowNs, f.Address, f.Data, f.Bus);
        UpdateValid(nowNs);
    }

    /// <summary>Re-evaluates freshness, the bus timeout and <see cref="CanValid"/> at <paramref name="nowNs"/>.</summary>
    public void UpdateValid(long nowNs)
    {
        if (_startNs < 0) _startNs = nowNs;
        long quietSince = _lastFrameNs >= 0 ? _lastFrameNs : _startNs;
        BusTimeout = nowNs - quietSince > BusTimeoutNs;
        bool valid = !BusTimeout;
        foreach (var s in _states) valid &= s.IsValid(nowNs);
        CanValid = valid;
    }
}
