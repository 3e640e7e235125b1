namespace Pilot.Planning.Longitudinal;

/// <summary>Following-distance personality (selfdriveState.personality).</summary>
public enum Personality { Aggressive = 0, Standard = 1, Relaxed = 2 }

/// <summary>
/// The safe-distance policy (openpilot long_mpc.py, ARCHITECTURE.md): the ego keeps enough distance that, braking at
/// <see cref="ComfortBrake"/> after a time gap T, it stops <see cref="StopDistance"/> behind where the lead would stop
/// braking equally hard. In steady following the v² terms cancel and the gap is T·v + 6 m.
/// </summary>
public static class FollowPolicy
{
    public const double ComfortBrake = 2.5;    // m/s², the deceleration both cars are assumed to manage comfortably
    public const double StopDistance = 6.0;    // m, gap left behind a stopped lead
    public const double DefaultTimeGap = 1.45; // s, the standard personality

    /// <summary>Time gap T of a personality, s: 1.25 / 1.45 / 1.75.</summary>
    public static double TimeGap(Personality personality) => personality switch
    {
        Personality.Aggressive => 1.25,
        Personality.Relaxed => 1.75,
        _ => DefaultTimeGap,
    };

    /// <summary>Distance the ego needs ahead of it at speed v, m: v²/(2·2.5) + T·v + 6.</summary>
    public static double SafeDistance(double vEgo, double timeGap) => vEgo * vEgo / (2 * ComfortBrake) + timeGap * vEgo + StopDistance;

    /// <summary>d SafeDistance / dv, s.</summary>
    public static double SafeDistanceSlope(double vEgo, double timeGap) => vEgo / ComfortBrake + timeGap;

    /// <summary>How much further a lead at speed v gets when braking comfortably to a stop, m.</summary>
    public static double StoppedEquivalence(double vLead) => vLead * vLead / (2 * ComfortBrake);

    /// <summary>The gap the policy wants behind a lead, m.</summary>
    public static double DesiredGap(double vEgo, double vLead, double timeGap) => SafeDistance(vEgo, timeGap) - StoppedEquivalence(vLead);
}
