using System.Device.Gpio;

namespace Pilot.Hardware.Gpio;

/// <summary>Debounce and polarity of the ignition/wake line, as data.</summary>
/// <param name="OnDebounceNs">High time before ignition counts as on, ns.</param>
/// <param name="OffDebounceNs">Low time before ignition counts as off, ns; longer, so a cranking dip does not end a drive.</param>
/// <param name="ActiveLow">The line is pulled low when ignition is on (an opto-isolator to ground, typically).</param>
public sealed record IgnitionOptions(long OnDebounceNs = 100_000_000, long OffDebounceNs = 1_000_000_000, bool ActiveLow = false);

/// <summary>
/// The ignition/wake input on a GPIO pin: edge events and polls both feed a <see cref="Debouncer"/>; the level is
/// read at each event rather than inferred from the edge type, so a missed edge cannot leave the state wrong.
/// </summary>
public sealed class IgnitionInput : IDisposable
{
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _shouldDispose;
    private readonly IMonotonicClock _clock;
    private readonly IgnitionOptions _options;
    private readonly Debouncer _debouncer;
    private readonly Lock _gate = new();

    /// <param name="shouldDispose">Whether disposing this input disposes <paramref name="controller"/>; the pin is closed either way.</param>
    public IgnitionInput(GpioController controller, int pin, IMonotonicClock clock, IgnitionOptions? options = null, bool shouldDispose = true)
    {
        _controller = controller ?? throw new ArgumentNullException(nameof(controller));
        _pin = pin;
        _clock = clock;
        _options = options ?? new IgnitionOptions();
        _shouldDispose = shouldDispose;
        PinMode mode = controller.IsPinModeSupported(pin, _options.ActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown)
            ? (_options.ActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown) : PinMode.Input;
        _controller.OpenPin(pin, mode);
        _debouncer = new Debouncer(_options.OnDebounceNs, _options.OffDebounceNs, ReadRaw(), _clock.NowNs);
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnEdge);
    }

    /// <summary>Raised with the new level and the time it was accepted, ns.</summary>
    public event Action<bool, long>? Changed;

    /// <summary>The debounced ignition state as of the last event or poll.</summary>
    public bool IsOn
    {
        get { lock (_gate) return _debouncer.State; }
    }

    public long Bounces
    {
        get { lock (_gate) return _debouncer.Bounces; }
    }

    /// <summary>Samples the pin and lets the debounce time elapse; returns the debounced state.</summary>
    public bool Poll() => Observe(ReadRaw(), _clock.NowNs);

    public void Dispose()
    {
        _controller.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge);
        _controller.ClosePin(_pin);
        if (_shouldDispose) _controller.Dispose();
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e) => Observe(ReadRaw(), _clock.NowNs);

    private bool Observe(bool raw, long nowNs)
    {
        bool changed, state;
        lock (_gate)
        {
            changed = _debouncer.Update(raw, nowNs);
            state = _debouncer.State;
        }
        if (changed) Changed?.Invoke(state, nowNs);
        return state;
    }

    private bool ReadRaw() => (_controller.Read(_pin) == PinValue.High) != _options.ActiveLow;
}
