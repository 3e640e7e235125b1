using System.Device.Gpio;

namespace Pilot.Hardware.Tests.Simulation;

/// <summary>
/// A GPIO chip behind System.Device.Gpio's <see cref="GpioDriver"/>: pins must be opened, inputs read the level the
/// outside world drives (or their pull when undriven), outputs record what was written, and level changes on inputs
/// raise edge events to the registered callbacks as a libgpiod driver would.
/// </summary>
public sealed class SimulatedGpioDriver(int pinCount = 32) : GpioDriver
{
    private readonly Dictionary<int, PinMode> _open = new();
    private readonly Dictionary<int, PinValue> _driven = new();   // levels applied from outside (inputs)
    private readonly Dictionary<int, PinValue> _outputs = new();  // levels written by software
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Callback)> _callbacks = new();
    private readonly SemaphoreSlim _edges = new(0);

    public List<(int Pin, PinValue Value)> Writes { get; } = new();

    public bool Disposed { get; private set; }

    public bool IsOpen(int pin) => _open.ContainsKey(pin);

    /// <summary>The outside world drives <paramref name="pin"/> to <paramref name="value"/>; a change raises an edge.</summary>
    public void Drive(int pin, PinValue value)
    {
        PinValue before = ReadLevel(pin);
        _driven[pin] = value;
        PinValue after = ReadLevel(pin);
        if (before == after || !_open.ContainsKey(pin)) return;
        PinEventTypes edge = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var c in _callbacks.Where(c => c.Pin == pin && (c.Types & edge) != 0).ToList())
            c.Callback(this, new PinValueChangedEventArgs(edge, pin));
        _edges.Release();
    }

    protected override int PinCount => pinCount;

    protected override void OpenPin(int pinNumber)
    {
        if (pinNumber < 0 || pinNumber >= pinCount) throw new ArgumentOutOfRangeException(nameof(pinNumber), $"chip has {pinCount} lines");
        _open[pinNumber] = PinMode.Input;
    }

    protected override void ClosePin(int pinNumber) => _open.Remove(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode) => _open[Checked(pinNumber)] = mode;

    protected override PinMode GetPinMode(int pinNumber) => _open[Checked(pinNumber)];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullDown or PinMode.InputPullUp or PinMode.Output;

    protected override PinValue Read(int pinNumber) => ReadLevel(Checked(pinNumber));

    protected override void Write(int pinNumber, PinValue value)
    {
        if (_open[Checked(pinNumber)] != PinMode.Output) throw new InvalidOperationException($"pin {pinNumber} is not an output");
        _outputs[pinNumber] = value;
        Writes.Add((pinNumber, value));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        try
        {
            _edges.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = ReadLevel(pinNumber) == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        _callbacks.Add((Checked(pinNumber), eventTypes, callback));

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Callback == callback);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private PinValue ReadLevel(int pin)
    {
        if (_open.TryGetValue(pin, out PinMode mode) && mode == PinMode.Output) return _outputs.GetValueOrDefault(pin, PinValue.Low);
        if (_driven.TryGetValue(pin, out PinValue v)) return v;
        return mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low;
    }

    private int Checked(int pin) => _open.ContainsKey(pin) ? pin : throw new InvalidOperationException($"pin {pin} is not open");
}
