namespace Pilot.Sim.Road;

/// <summary>
/// A road: its reference line (the centre of the ego lane) as curvature over distance, and its lanes. Lanes are
/// numbered from the left (0 = leftmost), as the road-scene renderer numbers them; lateral positions are metres from
/// the reference line, positive left. Past the last segment the road runs straight on.
/// </summary>
public sealed class RoadLayout
{
    /// <summary>Standard lane width, m (US interstate and most motorways).</summary>
    public const double DefaultLaneWidthM = 3.6;

    private readonly RoadSegment[] _segments;
    private readonly double[] _starts;   // [segment] distance where it starts, m

    public RoadLayout(IReadOnlyList<RoadSegment> segments, int laneCount = 2, int egoLane = 1, double laneWidthM = DefaultLaneWidthM)
    {
        if (laneCount < 1 || egoLane < 0 || egoLane >= laneCount)
            throw new ArgumentOutOfRangeException(nameof(egoLane), $"ego lane {egoLane} of {laneCount} lanes: lanes are numbered 0..{laneCount - 1}");
        if (laneWidthM <= 0) throw new ArgumentOutOfRangeException(nameof(laneWidthM), laneWidthM, "lane width must be positive");
        _segments = [.. segments];
        _starts = new double[_segments.Length];
        double s = 0;
        for (int i = 0; i < _segments.Length; i++)
        {
            if (!(_segments[i].LengthM > 0)) throw new ArgumentException($"segment {i} has length {_segments[i].LengthM} m; lengths must be positive", nameof(segments));
            _starts[i] = s;
            s += _segments[i].LengthM;
        }
        LengthM = s;
        LaneCount = laneCount;
        EgoLane = egoLane;
        LaneWidthM = laneWidthM;
    }

    /// <summary>Total length of the defined segments, m.</summary>
    public double LengthM { get; }
    public int LaneCount { get; }
    /// <summary>The lane whose centre is the reference line.</summary>
    public int EgoLane { get; }
    public double LaneWidthM { get; }

    /// <summary>Reference-line curvature at distance <paramref name="s"/>, 1/m, positive left.</summary>
    public double CurvatureAt(double s) => Find(s) is var (i, along) && i >= 0 ? _segments[i].CurvatureAt(along) : 0;

    /// <summary>Change of curvature per metre at <paramref name="s"/>, 1/m².</summary>
    public double CurvatureRateAt(double s) => Find(s) is var (i, _) && i >= 0 ? _segments[i].CurvatureRate : 0;

    /// <summary>Lateral position of the centre of lane <paramref name="lane"/>, m, positive left of the reference line.</summary>
    public double LaneCenter(int lane) => (EgoLane - lane) * LaneWidthM;

    private (int Segment, double Along) Find(double s)
    {
        if (s < 0 || s >= LengthM) return (-1, 0);
        int i = Array.BinarySearch(_starts, s);
        if (i < 0) i = ~i - 1;
        return (i, s - _starts[i]);
    }
}
