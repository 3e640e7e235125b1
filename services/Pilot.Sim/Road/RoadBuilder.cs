namespace Pilot.Sim.Road;

/// <summary>Road alignments the scenarios use.</summary>
public static class RoadBuilder
{
    /// <summary>A straight road of <paramref name="lengthM"/> m.</summary>
    public static RoadLayout Straight(double lengthM, int laneCount = 3, int egoLane = 1) =>
        new([RoadSegment.Straight(lengthM)], laneCount, egoLane);

    /// <summary>
    /// Curves of radius <paramref name="radiusM"/> alternating left and right, each entered and left through clothoids
    /// of <paramref name="transitionM"/> m and separated by <paramref name="straightM"/> m of straight, repeated until the
    /// road is at least <paramref name="lengthM"/> m long. Clothoids keep the curvature continuous, as highway design
    /// requires, so a car following the lane needs no steering step.
    /// </summary>
    public static RoadLayout AlternatingCurves(double lengthM, double radiusM, double arcM, double transitionM, double straightM,
        int laneCount = 3, int egoLane = 1)
    {
        var segments = new List<RoadSegment>();
        double total = 0;
        bool left = true;
        while (total < lengthM)
        {
            double k = (left ? 1 : -1) / radiusM;
            segments.Add(RoadSegment.Straight(straightM));
            segments.Add(RoadSegment.Clothoid(transitionM, 0, k));
            segments.Add(RoadSegment.Arc(arcM, radiusM, left));
            segments.Add(RoadSegment.Clothoid(transitionM, k, 0));
            total += straightM + 2 * transitionM + arcM;
            left = !left;
        }
        segments.Add(RoadSegment.Straight(straightM));
        return new RoadLayout(segments, laneCount, egoLane);
    }
}
