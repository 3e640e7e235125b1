using Pilot.Messaging.Events;

namespace Pilot.Controls.Lateral;

/// <summary>
/// Desired curvature from the model's planned path (modelV2.position, car frame, y positive left): the circular arc
/// that leaves the car tangent to its heading and passes through the path point a lookahead distance ahead (pure
/// pursuit), κ = 2y / (x² + y²). It is exact on a constant-curvature path, and because the path is in the car's frame
/// a lateral offset and a heading error both show up in y and get corrected (damping ≈ 0.7 for the kinematic car).
/// The lookahead is the distance driven in steerActuatorDelay + <see cref="LookaheadS"/>: the command acts after the
/// actuator delay, so it aims at the path from where the car will be when the wheel responds.
/// </summary>
public sealed class PathCurvature(double lookaheadS, double minLookaheadM)
{
    public const int MinPoints = 2;   // fewer path points give no direction

    /// <summary>Time past the actuator delay the arc aims at, s; sets how hard offsets are corrected (ω ≈ √2 / lookahead).</summary>
    public double LookaheadS { get; } = lookaheadS > 0 ? lookaheadS : throw new ArgumentOutOfRangeException(nameof(lookaheadS), lookaheadS, "lookahead must be above 0 s");

    /// <summary>
    /// Desired curvature, 1/m, or null when the path is unusable (too short, mismatched lists, not finite).
    /// </summary>
    public double? FromPath(XyztData.Reader path, double speed, double steerActuatorDelayS)
    {
        var xs = path.X;
        var ys = path.Y;
        int n = Math.Min(xs.Count, ys.Count);
        if (n < MinPoints || xs.Count != ys.Count) return null;
        double lookahead = Math.Max(Math.Max(speed, 0) * (steerActuatorDelayS + LookaheadS), minLookaheadM);
        // The path runs forward in x; take the point where it crosses the lookahead distance (or its end).
        double x = xs[n - 1], y = ys[n - 1];
        for (int i = 1; i < n; i++)
        {
            double x1 = xs[i];
            if (x1 < lookahead) continue;
            double x0 = xs[i - 1];
            double f = x1 > x0 ? Math.Clamp((lookahead - x0) / (x1 - x0), 0, 1) : 1;
            x = x0 + f * (x1 - x0);
            y = ys[i - 1] + f * (ys[i] - ys[i - 1]);
            break;
        }
        double d2 = x * x + y * y;
        if (!double.IsFinite(d2) || d2 < 1e-6) return null;
        return 2 * y / d2;
    }
}
