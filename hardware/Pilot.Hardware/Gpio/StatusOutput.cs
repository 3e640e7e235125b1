using System.Device.Gpio;

namespace Pilot.Hardware.Gpio;

/// <summary>What the status LED (or relay) shows.</summary>
public enum StatusPattern : byte { Off, On, BlinkSlow, BlinkFast }

/// <summary>A status LED or relay on a GPIO output; blink patterns are computed from injected time in <see cref="Update"/>.</summary>
public sealed class StatusOutput : IDisposable
{
    public const long SlowPeriodNs = 1_000_000_000; // 1 Hz blink: attention (thermal warning)
    public const long FastPeriodNs = 250_000_000;   // 4 Hz blink: act now (reduce load / stop driving)

    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly bool _shouldDispose;
    private bool? _written;

    /// <param name="activeLow">The LED/relay is on when the pin is low (sinking driver).</param>
    /// <param name="shouldDispose">Whether disposing this output disposes <paramref name="controller"/>; the pin is driven off and closed either way.</param>
    public StatusOutput(GpioController controller, int pin, bool activeLow = false, bool shouldDispose = true)
    {
        _controller = controller ?? throw new ArgumentNullException(nameof(controller));
        _pin = pin;
        _activeLow = activeLow;
        _shouldDispose = shouldDispose;
        _controller.OpenPin(pin, PinMode.Output, activeLow ? PinValue.High : PinValue.Low);
        _written = false;
    }

    public StatusPattern Pattern { get; set; }

    /// <summary>Whether the output is currently on.</summary>
    public bool IsOn => _written == true;

    /// <summary>Drives the pin for <see cref="Pattern"/> at <paramref name="nowNs"/>; writes only on a change.</summary>
    public void Update(long nowNs)
    {
        bool on = Pattern switch
        {
            StatusPattern.On => true,
            StatusPattern.BlinkSlow => nowNs % SlowPeriodNs < SlowPeriodNs / 2,
            StatusPattern.BlinkFast => nowNs % FastPeriodNs < FastPeriodNs / 2,
            _ => false,
        };
        if (_written == on) return;
        _controller.Write(_pin, on != _activeLow ? PinValue.High : PinValue.Low);
        _written = on;
    }

    public void Dispose()
    {
        _controller.Write(_pin, _activeLow ? PinValue.High : PinValue.Low);
        _controller.ClosePin(_pin);
        if (_shouldDispose) _controller.Dispose();
    }
}
