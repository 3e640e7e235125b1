namespace Pilot.Daemons;

/// <summary>What drives a daemon's loop.</summary>
public abstract record Schedule
{
    private Schedule() { }

    /// <summary>Step after each new message of <paramref name="Service"/> (a process driven by one input, like modeld by frames).</summary>
    public sealed record Polled(string Service) : Schedule;

    /// <summary>Step at a fixed rate, Hz, whatever arrives (controlsd at 100 Hz).</summary>
    public sealed record Timed(double RateHz) : Schedule
    {
        public double RateHz { get; } = RateHz > 0 && double.IsFinite(RateHz) ? RateHz
            : throw new ArgumentOutOfRangeException(nameof(RateHz), RateHz, "a timed schedule needs a finite rate above 0 Hz");
    }
}
