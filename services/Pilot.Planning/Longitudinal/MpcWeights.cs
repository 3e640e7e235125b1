namespace Pilot.Planning.Longitudinal;

/// <summary>
/// Cost weights of <see cref="LongitudinalMpc"/>. The gap term is openpilot's: the error between the nearest obstacle
/// and the ego's safe distance, scaled by 1/(v + 10) so that metres matter less at speed, where the safe distance is
/// long. Jerk and acceleration terms make the plan comfortable; the slack terms price breaking the danger constraint.
/// </summary>
public sealed record MpcWeights
{
    public double Gap { get; init; } = 3.0;               // per (m / (m/s + 10))²
    public double Accel { get; init; } = 0.1;             // per (m/s²)², keeps the plan from accelerating for nothing
    public double Jerk { get; init; } = 0.2;              // per (m/s³)²
    public double SlackQuadratic { get; init; } = 10.0;   // per m², danger-constraint violation
    public double SlackLinear { get; init; } = 100.0;     // per m: an exact penalty, so small violations are not free
    public double DangerFactor { get; init; } = 0.75;     // the hard(ish) limit is 75% of the safe distance (openpilot LEAD_DANGER_FACTOR)
    public int SqpIterations { get; init; } = 2;          // re-linearisations of the safe distance's v² term
    public double EmergencySlackM { get; init; } = 0.5;   // m: a comfortable plan breaking the danger limit by more turns on emergency jerk
}
