using System.Runtime.InteropServices;
using Pilot.Vision.Scenes;

namespace Pilot.Vision.Driving;

/// <summary>
/// Layout of the driving network's output vector (per sample) and how to read it. Regressions come as a mean and a
/// log-scale s (Laplace scale b = exp(s), std = √2·b); probabilities as logits. Lateral offsets are metres (y right,
/// calibrated frame) on the distance grid of <see cref="ModelGrid"/>; lead values are divided by
/// <see cref="LeadUnits"/> so that every regression target is of order one.
/// </summary>
public static class DrivingOutputs
{
    public const int Lines = SceneLabels.LaneLineCount, Edges = SceneLabels.RoadEdgeCount, Points = ModelGrid.Points;

    public const int LaneMean = 0;                         // [4, 33] m
    public const int LaneScale = LaneMean + Lines * Points; // [4, 33] log b
    public const int LaneProb = LaneScale + Lines * Points; // [4] logits
    public const int EdgeMean = LaneProb + Lines;           // [2, 33] m
    public const int EdgeScale = EdgeMean + Edges * Points; // [2, 33] log b
    public const int PathMean = EdgeScale + Edges * Points; // [33] m
    public const int PathScale = PathMean + Points;         // [33] log b
    public const int LeadProb = PathScale + Points;         // [1] logit
    public const int LeadMean = LeadProb + 1;               // [4] x, y, v, a in LeadUnits
    public const int LeadScale = LeadMean + 4;              // [4] log b
    public const int Length = LeadScale + 4;

    /// <summary>Units of the lead regressions: x per 10 m, y per 1 m, v per 10 m/s, a per 1 m/s².</summary>
    public static readonly float[] LeadUnits = [10f, 1f, 10f, 1f];

    public static float Sigmoid(float z) => 1 / (1 + MathF.Exp(-z));

    /// <summary>Standard deviation of a Laplace distribution with log-scale s.</summary>
    public static float Std(float logScale) => MathF.Sqrt(2) * MathF.Exp(logScale);
}

/// <summary>One sample's predictions, decoded into SI units.</summary>
public sealed class DrivingPrediction
{
    public float[,] LaneLines { get; } = new float[DrivingOutputs.Lines, DrivingOutputs.Points];     // m
    public float[,] LaneLineStds { get; } = new float[DrivingOutputs.Lines, DrivingOutputs.Points];  // m
    public float[] LaneLineProbs { get; } = new float[DrivingOutputs.Lines];
    public float[,] RoadEdges { get; } = new float[DrivingOutputs.Edges, DrivingOutputs.Points];     // m
    public float[,] RoadEdgeStds { get; } = new float[DrivingOutputs.Edges, DrivingOutputs.Points];  // m
    public float[] Path { get; } = new float[DrivingOutputs.Points];      // m
    public float[] PathStds { get; } = new float[DrivingOutputs.Points];  // m
    public float LeadProb { get; private set; }
    public float LeadX { get; private set; }  // m
    public float LeadY { get; private set; }  // m, right
    public float LeadV { get; private set; }  // m/s
    public float LeadA { get; private set; }  // m/s²
    public float LeadXStd { get; private set; }

    /// <summary>Decodes one sample's raw outputs (<see cref="DrivingOutputs.Length"/> floats).</summary>
    public static DrivingPrediction Decode(ReadOnlySpan<float> raw)
    {
        if (raw.Length < DrivingOutputs.Length) throw new ArgumentException($"a driving output has {DrivingOutputs.Length} values, got {raw.Length}");
        var p = new DrivingPrediction();
        const int n = DrivingOutputs.Points;
        for (int k = 0; k < DrivingOutputs.Lines; k++)
        {
            for (int i = 0; i < n; i++)
            {
                p.LaneLines[k, i] = raw[DrivingOutputs.LaneMean + k * n + i];
                p.LaneLineStds[k, i] = DrivingOutputs.Std(raw[DrivingOutputs.LaneScale + k * n + i]);
            }
            p.LaneLineProbs[k] = DrivingOutputs.Sigmoid(raw[DrivingOutputs.LaneProb + k]);
        }
        for (int e = 0; e < DrivingOutputs.Edges; e++)
            for (int i = 0; i < n; i++)
            {
                p.RoadEdges[e, i] = raw[DrivingOutputs.EdgeMean + e * n + i];
                p.RoadEdgeStds[e, i] = DrivingOutputs.Std(raw[DrivingOutputs.EdgeScale + e * n + i]);
            }
        for (int i = 0; i < n; i++)
        {
            p.Path[i] = raw[DrivingOutputs.PathMean + i];
            p.PathStds[i] = DrivingOutputs.Std(raw[DrivingOutputs.PathScale + i]);
        }
        var u = DrivingOutputs.LeadUnits;
        p.LeadProb = DrivingOutputs.Sigmoid(raw[DrivingOutputs.LeadProb]);
        p.LeadX = raw[DrivingOutputs.LeadMean] * u[0];
        p.LeadY = raw[DrivingOutputs.LeadMean + 1] * u[1];
        p.LeadV = raw[DrivingOutputs.LeadMean + 2] * u[2];
        p.LeadA = raw[DrivingOutputs.LeadMean + 3] * u[3];
        p.LeadXStd = DrivingOutputs.Std(raw[DrivingOutputs.LeadScale]) * u[0];
        return p;
    }

    /// <summary>Lateral offset of lane line <paramref name="line"/> at <paramref name="distance"/> m, interpolated on the grid.</summary>
    public float LaneLineAt(int line, double distance) => GridInterpolation.At(Row(LaneLines, line), distance);

    /// <summary>One line's or edge's 33 grid values, without copying.</summary>
    public static ReadOnlySpan<float> Row(float[,] values, int row) =>
        MemoryMarshal.CreateReadOnlySpan(ref values[row, 0], values.GetLength(1));
}

/// <summary>Linear interpolation of a quantity given on the distance grid.</summary>
public static class GridInterpolation
{
    /// <summary>The value at <paramref name="distance"/> m of <paramref name="values"/> given at the grid's 33 distances.</summary>
    public static float At(ReadOnlySpan<float> values, double distance)
    {
        var grid = ModelGrid.Distances;
        if (values.Length != grid.Length) throw new ArgumentException($"{values.Length} values for a grid of {grid.Length} points");
        if (distance <= grid[0]) return values[0];
        for (int i = 1; i < grid.Length; i++)
            if (distance <= grid[i])
            {
                float t = (float)((distance - grid[i - 1]) / (grid[i] - grid[i - 1]));
                return values[i - 1] + t * (values[i] - values[i - 1]);
            }
        return values[^1];
    }
}
