namespace Pilot.Vision.Scenes;

/// <summary>
/// Exact training targets for one scene, in the calibrated frame (x forward, y right, metres, origin at the camera),
/// on the distance grid of <see cref="ModelGrid"/>.
/// </summary>
public sealed class SceneLabels
{
    /// <summary>Lane lines around the ego lane: far left, left, right, far right.</summary>
    public const int LaneLineCount = 4;

    /// <summary>Road edges: left, right.</summary>
    public const int RoadEdgeCount = 2;

    /// <summary>Lead vehicles are labelled within this distance, m.</summary>
    public const double LeadRange = 120;

    public float[,] LaneLines { get; } = new float[LaneLineCount, ModelGrid.Points];  // [line, point] lateral y, m
    public float[] LaneLineProbs { get; } = new float[LaneLineCount];                  // 1 when the line is painted
    public float[,] RoadEdges { get; } = new float[RoadEdgeCount, ModelGrid.Points];   // [edge, point] lateral y, m
    public float[] Path { get; } = new float[ModelGrid.Points];                        // ego lane centre y, m
    public bool HasLead { get; private set; }
    public float LeadX { get; private set; }    // m ahead of the camera
    public float LeadY { get; private set; }    // m, right
    public float LeadV { get; private set; }    // absolute speed, m/s
    public float LeadA { get; private set; }    // m/s²

    public static SceneLabels From(RoadScene scene)
    {
        var labels = new SceneLabels();
        for (int i = 0; i < ModelGrid.Points; i++)
        {
            double x = ModelGrid.Distances[i], centre = scene.CenterAt(x);
            for (int k = 0; k < LaneLineCount; k++)
                labels.LaneLines[k, i] = (float)(centre + scene.LineOffset(scene.EgoLane - 1 + k));
            labels.RoadEdges[0, i] = (float)(centre + scene.LeftEdgeOffset);
            labels.RoadEdges[1, i] = (float)(centre + scene.RightEdgeOffset);
            labels.Path[i] = (float)centre;
        }
        for (int k = 0; k < LaneLineCount; k++)
        {
            int line = scene.EgoLane - 1 + k;
            labels.LaneLineProbs[k] = line >= 0 && line <= scene.LaneCount && scene.Lines[line].Style != MarkingStyle.None ? 1 : 0;
        }
        var lead = LeadOf(scene);
        if (lead is { } v)
        {
            labels.HasLead = true;
            labels.LeadX = (float)v.Distance;
            labels.LeadY = (float)(scene.CenterAt(v.Distance) + v.Lateral);
            labels.LeadV = (float)v.Speed;
            labels.LeadA = (float)v.Acceleration;
        }
        return labels;
    }

    /// <summary>The lead: the nearest vehicle ahead within <see cref="LeadRange"/> whose centre is inside the ego
    /// lane (a cut-in becomes the lead once it crosses the line).</summary>
    public static Vehicle? LeadOf(RoadScene scene)
    {
        Vehicle? best = null;
        foreach (var v in scene.Vehicles)
            if (v.Distance > 0 && v.Distance <= LeadRange && Math.Abs(v.Lateral) < scene.LaneWidth / 2 && (best is null || v.Distance < best.Value.Distance))
                best = v;
        return best;
    }
}
