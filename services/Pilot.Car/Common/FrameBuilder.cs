using Pilot.Can.Dbc;
using Pilot.Can.Packing;

namespace Pilot.Car.Common;

/// <summary>
/// Packs one message repeatedly: signal slots are resolved once, values are set by slot, and <see cref="Build"/>
/// packs through the shared <see cref="CanPacker"/> (which fills the rolling counter and the checksum). Signals not
/// set in a cycle are sent as raw 0.
/// </summary>
public sealed class FrameBuilder
{
    private readonly CanPacker _packer;
    private readonly double[] _values;   // [signal index] physical values; NaN = not set this cycle

    public FrameBuilder(CanPacker packer, string messageName)
    {
        _packer = packer;
        Message = packer.Database.GetMessage(messageName);
        _values = new double[Message.Signals.Count];
        Array.Fill(_values, double.NaN);
    }

    public Message Message { get; }

    /// <summary>The slot of signal <paramref name="name"/> (throws when the DBC lacks it, at start-up).</summary>
    public int Slot(string name) => Message.GetSignal(name).Index;

    public FrameBuilder Set(int slot, double value)
    {
        _values[slot] = value;
        return this;
    }

    public FrameBuilder Set(int slot, bool value) => Set(slot, value ? 1 : 0);

    /// <summary>Packs the values set since the last build into a new frame on <paramref name="bus"/>.</summary>
    public CanFrame Build(int bus)
    {
        var data = new byte[Message.Length];
        _packer.Pack(Message, _values, data);
        Array.Fill(_values, double.NaN);
        return new CanFrame(Message.FrameId, data, bus);
    }
}
