using Pilot.Can.Packing;

namespace Pilot.Car.Common;

/// <summary>
/// One signal of a parsed message, its slot found once at start-up, so reading the latest value is an array load
/// (no name lookup per cycle).
/// </summary>
public readonly struct SignalRef
{
    private readonly MessageState _message;
    private readonly int _index;

    public SignalRef(CanParser parser, string message, string signal)
    {
        _message = parser[message];
        _index = _message.Message.GetSignal(signal).Index;
    }

    /// <summary>The latest accepted physical value (0 before the message was first seen).</summary>
    public double Value => _message.Values[_index];

    /// <summary>The latest value is non-zero (a set flag bit).</summary>
    public bool IsSet => _message.Values[_index] != 0;
}
