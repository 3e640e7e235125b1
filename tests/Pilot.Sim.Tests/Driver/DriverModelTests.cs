using Pilot.Sim.Driver;

namespace Pilot.Sim.Tests;

/// <summary>The simulated driver's engagement: SET once main is on, again after a refusal, never again after an engagement held.</summary>
public sealed class DriverModelTests
{
    private const double Dt = 0.01;   // s, the world's step

    /// <summary>Times (s) at which SET went down while the cruise showed <paramref name="cruiseOn"/> over time.</summary>
    private static List<double> SetPresses(Func<double, bool> cruiseOn, double seconds)
    {
        var driver = new DriverModel([], setSpeedMps: 25);
        var presses = new List<double>();
        var last = CruiseButton.None;
        for (int i = 0; i * Dt < seconds; i++)
        {
            double t = i * Dt;
            driver.Step(t, mainOn: true, cruiseEngaged: cruiseOn(t), cruiseSetSpeedMps: 25);
            if (driver.Inputs.Button == CruiseButton.DecelSet && last != CruiseButton.DecelSet) presses.Add(t);
            last = driver.Inputs.Button;
        }
        return presses;
    }

    [Fact]
    public void ARefusedFirstEngagementIsTriedAgainEveryRetryPeriod()
    {
        // Refused outright, then refused after the cruise came on for a moment (the system cancelling it at once).
        var presses = SetPresses(t => t is >= 3.05 and < 3.3, seconds: 6);
        Assert.Equal([DriverModel.SetAtS, DriverModel.SetAtS + DriverModel.EngageRetryS, DriverModel.SetAtS + 2 * DriverModel.EngageRetryS],
            presses.Select(p => Math.Round(p, 2)));
    }

    [Fact]
    public void AnEngagementThatHeldIsNotRetriedAfterItEnds()
    {
        // Engaged 1.1 .. 3 s (held past EngagedAfterS), then off for good: the script, not the driver, decides what follows.
        var presses = SetPresses(t => t is >= 1.1 and < 3.0, seconds: 10);
        Assert.Equal([DriverModel.SetAtS], presses.Select(p => Math.Round(p, 2)));
    }
}
