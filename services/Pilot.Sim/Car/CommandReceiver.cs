using Pilot.Can.Dbc;
using Pilot.Can.Packing;

namespace Pilot.Sim.Car;

/// <summary>
/// The receiving side of the car's ECUs for the host's commands: a frame counts only when its checksum is right
/// and its counter moved on (a repeated counter is a replay or a stuck sender); counter jumps add up to the
/// parser's limit of five, after which the message is invalid. A command is applied only while its message is
/// valid and younger than its timeout, so a host that stops sending stops actuating.
/// </summary>
public sealed class CommandReceiver
{
    private readonly CanParser _parser;
    private readonly Dictionary<uint, (Signal Counter, long Last)> _counters = [];
    private readonly Dictionary<string, long> _timeoutNs = new(StringComparer.Ordinal);

    /// <param name="database">The car's database.</param>
    /// <param name="commands">Messages the car obeys, their rate (Hz) and how long a command stays in force (s).</param>
    /// <param name="bus">Bus the commands arrive on.</param>
    public CommandReceiver(DbcDatabase database, IEnumerable<(string Name, double Hz, double TimeoutS)> commands, int bus = 0)
    {
        var list = commands.ToList();
        _parser = new CanParser(database, list.Select(c => (c.Name, (double?)c.Hz)), bus);
        foreach (var (name, _, timeout) in list)
        {
            var m = database.GetMessage(name);
            _timeoutNs[name] = (long)(timeout * 1e9);
            if (m.Signals.FirstOrDefault(s => _parser.Profile.IsCounter(s.Name)) is { } counter) _counters[m.FrameId] = (counter, -1);
        }
    }

    /// <summary>Frames ignored because they repeated the previous counter.</summary>
    public long RepeatedCounters { get; private set; }

    /// <summary>Checks and takes one frame; returns whether it was accepted.</summary>
    public bool Receive(long nowNs, in CanFrame frame)
    {
        if (frame.Bus != _parser.Bus) return false;
        if (_counters.TryGetValue(frame.Address, out var c))
        {
            var message = _parser.Database.GetMessage(frame.Address);
            if (frame.Data.Length < message.Length) return _parser.Parse(nowNs, frame.Address, frame.Data, frame.Bus);
            long counter = (long)message.Codec.DecodeRaw(frame.Data, c.Counter.Index);
            if (counter == c.Last)
            {
                RepeatedCounters++;
                return false;
            }
            if (!_parser.Parse(nowNs, frame.Address, frame.Data, frame.Bus)) return false;
            _counters[frame.Address] = (c.Counter, counter);
            return true;
        }
        return _parser.Parse(nowNs, frame.Address, frame.Data, frame.Bus);
    }

    /// <summary>The values of command <paramref name="name"/> when it is in force at <paramref name="nowNs"/>, else null.</summary>
    public MessageState? Active(string name, long nowNs)
    {
        var state = _parser[name];
        return state.Seen && state.IsValid(nowNs) && nowNs - state.TimestampNs <= _timeoutNs[name] ? state : null;
    }

    /// <summary>Total frames dropped for a wrong checksum, over all commands.</summary>
    public long ChecksumFailures => _parser.Messages.Sum(m => m.ChecksumFailures);
}
