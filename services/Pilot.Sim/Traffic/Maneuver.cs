namespace Pilot.Sim.Traffic;

/// <summary>A scripted change in another vehicle's motion, starting at scenario time <see cref="AtS"/> (s).</summary>
public abstract record Maneuver(double AtS);

/// <summary>Change speed to <paramref name="TargetMps"/> at a constant <paramref name="AccelMps2"/> (magnitude, m/s²), then hold it.</summary>
public sealed record ChangeSpeed(double AtS, double TargetMps, double AccelMps2) : Maneuver(AtS);

/// <summary>Move sideways to <paramref name="TargetLateralM"/> (m from the reference line, left) at <paramref name="LateralSpeedMps"/> (m/s).</summary>
public sealed record ChangeLateral(double AtS, double TargetLateralM, double LateralSpeedMps) : Maneuver(AtS);

/// <summary>Scripts built from several maneuvers.</summary>
public static class Maneuvers
{
    /// <summary>
    /// Stop-and-go traffic from <paramref name="startS"/>: <paramref name="cycles"/> times brake from
    /// <paramref name="cruiseMps"/> to a stop at <paramref name="decelMps2"/>, wait <paramref name="stopS"/>, pull away at
    /// <paramref name="accelMps2"/> and cruise for <paramref name="cruiseS"/>.
    /// </summary>
    public static IEnumerable<Maneuver> StopAndGo(double startS, double cruiseMps, double decelMps2, double accelMps2, double stopS, double cruiseS, int cycles)
    {
        double t = startS;
        for (int i = 0; i < cycles; i++)
        {
            yield return new ChangeSpeed(t, 0, decelMps2);
            t += cruiseMps / decelMps2 + stopS;
            yield return new ChangeSpeed(t, cruiseMps, accelMps2);
            t += cruiseMps / accelMps2 + cruiseS;
        }
    }
}
