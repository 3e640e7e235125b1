namespace Pilot.Sim.Road;

/// <summary>
/// A piece of road whose reference-line curvature changes linearly with distance: a straight (0 → 0), a
/// constant-radius arc (κ → κ) or a clothoid transition (κ0 → κ1), the three elements highway alignments are made of.
/// </summary>
/// <param name="LengthM">Length along the reference line, m.</param>
/// <param name="StartCurvature">Curvature at the start, 1/m, positive left.</param>
/// <param name="EndCurvature">Curvature at the end, 1/m, positive left.</param>
public readonly record struct RoadSegment(double LengthM, double StartCurvature, double EndCurvature)
{
    /// <summary>Change of curvature per metre, 1/m².</summary>
    public double CurvatureRate => (EndCurvature - StartCurvature) / LengthM;

    public double CurvatureAt(double along) => StartCurvature + CurvatureRate * along;

    public static RoadSegment Straight(double lengthM) => new(lengthM, 0, 0);

    /// <summary>An arc of radius <paramref name="radiusM"/> (m), turning left when <paramref name="left"/>.</summary>
    public static RoadSegment Arc(double lengthM, double radiusM, bool left) => new(lengthM, Signed(radiusM, left), Signed(radiusM, left));

    /// <summary>A clothoid from curvature <paramref name="from"/> to <paramref name="to"/> (1/m).</summary>
    public static RoadSegment Clothoid(double lengthM, double from, double to) => new(lengthM, from, to);

    private static double Signed(double radiusM, bool left) =>
        radiusM > 0 ? (left ? 1 : -1) / radiusM : throw new ArgumentOutOfRangeException(nameof(radiusM), radiusM, "an arc needs a positive radius");
}
