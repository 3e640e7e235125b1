namespace Pilot.Hardware.Health;

/// <summary>What the device's temperature allows, from least to most restrictive.</summary>
public enum ThermalLevel : byte { Ok, Warn, ReduceLoad, StopDriving }

/// <summary>One level's band: stay while the temperature is within [<paramref name="ExitBelowC"/>, <paramref name="ExitAboveC"/>].</summary>
/// <param name="ExitBelowC">Drop to the level below when colder than this, °C (NaN for the lowest level).</param>
/// <param name="ExitAboveC">Rise to the level above when hotter than this, °C (NaN for the highest level).</param>
public readonly record struct ThermalBand(ThermalLevel Level, double ExitBelowC, double ExitAboveC);

/// <summary>
/// The thermal policy as data: bands with hysteresis over the hottest sensor, and what to assume when no sensor
/// can be read. Evaluated with <see cref="Next"/>, which may move several levels at once on a jump in temperature.
/// </summary>
public sealed record ThermalPolicy(IReadOnlyList<ThermalBand> Bands, ThermalLevel WhenUnreadable)
{
    /// <summary>
    /// openpilot's thermald THERMAL_BANDS (green/yellow/red/danger): up at 80/96/107 °C, down at 75/88/94 °C.
    /// A device that cannot read any temperature is held at Warn: it may drive, but the state says why.
    /// </summary>
    public static ThermalPolicy Default { get; } = new(
    [
        new(ThermalLevel.Ok, double.NaN, 80),
        new(ThermalLevel.Warn, 75, 96),
        new(ThermalLevel.ReduceLoad, 88, 107),
        new(ThermalLevel.StopDriving, 94, double.NaN),
    ], ThermalLevel.Warn);

    /// <summary>The same bands for a PC/laptop bench, whose firmware guards its own temperature and whose sensors may be hidden.</summary>
    public static ThermalPolicy Bench { get; } = Default with { WhenUnreadable = ThermalLevel.Ok };

    /// <summary>The level after <paramref name="current"/> given the hottest reading (NaN when none).</summary>
    public ThermalLevel Next(ThermalLevel current, double maxTemperatureC)
    {
        if (double.IsNaN(maxTemperatureC)) return WhenUnreadable;
        int i = Index(current);
        while (i + 1 < Bands.Count && maxTemperatureC > Bands[i].ExitAboveC) i++;
        while (i > 0 && maxTemperatureC < Bands[i].ExitBelowC) i--;
        return Bands[i].Level;
    }

    private int Index(ThermalLevel level)
    {
        for (int i = 0; i < Bands.Count; i++)
            if (Bands[i].Level == level) return i;
        throw new ArgumentException($"thermal policy has no band for {level}", nameof(level));
    }
}
