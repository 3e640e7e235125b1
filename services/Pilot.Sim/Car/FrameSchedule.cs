using Pilot.Can.Dbc;
using Pilot.Can.Packing;

namespace Pilot.Sim.Car;

/// <summary>Signal values of one message being filled for packing; signals left unset are raw 0.</summary>
public sealed class MessageValues
{
    private readonly double[] _values;   // [signal index] physical values, NaN = not given

    internal MessageValues(Message message)
    {
        Message = message;
        _values = new double[message.Signals.Count];
    }

    public Message Message { get; }

    internal ReadOnlySpan<double> Values => _values;

    internal void Clear() => _values.AsSpan().Fill(double.NaN);

    public MessageValues Set(string signal, double value)
    {
        _values[Message.GetSignal(signal).Index] = value;
        return this;
    }

    public MessageValues Set(string signal, bool value) => Set(signal, value ? 1 : 0);
}

/// <summary>
/// The periodic transmissions of a car's ECUs: each message at its own rate and bus, filled from the car state when
/// due and packed with the database's checksum and a rolling counter (the packer's).
/// </summary>
public sealed class FrameSchedule(DbcDatabase database)
{
    private readonly CanPacker _packer = new(database);
    private readonly List<Entry> _entries = [];

    private sealed class Entry(MessageValues values, long periodNs, int bus, Action<MessageValues, CarSnapshot> fill)
    {
        public readonly MessageValues Values = values;
        public readonly long PeriodNs = periodNs;
        public readonly int Bus = bus;
        public readonly Action<MessageValues, CarSnapshot> Fill = fill;
        public long NextNs = long.MinValue;
    }

    public DbcDatabase Database => database;

    /// <summary>Sends <paramref name="message"/> at <paramref name="hz"/> on <paramref name="bus"/>, its values from <paramref name="fill"/>.</summary>
    public FrameSchedule Add(string message, double hz, int bus, Action<MessageValues, CarSnapshot> fill)
    {
        _entries.Add(new Entry(new MessageValues(database.GetMessage(message)), (long)Math.Round(1e9 / hz), bus, fill));
        return this;
    }

    /// <summary>Appends the frames due at <paramref name="nowNs"/>, at most one per message.</summary>
    public void Emit(long nowNs, CarSnapshot car, List<CanFrame> output)
    {
        foreach (var e in _entries)
        {
            if (e.NextNs == long.MinValue) e.NextNs = nowNs;
            if (nowNs < e.NextNs) continue;
            e.Values.Clear();
            e.Fill(e.Values, car);
            var data = new byte[e.Values.Message.Length];
            _packer.Pack(e.Values.Message, e.Values.Values, data);
            output.Add(new CanFrame(e.Values.Message.FrameId, data, e.Bus));
            e.NextNs += e.PeriodNs;
            // More than a period late: send once and realign, rather than bursting the frames that were missed.
            if (e.NextNs <= nowNs) e.NextNs = nowNs + e.PeriodNs;
        }
    }
}
