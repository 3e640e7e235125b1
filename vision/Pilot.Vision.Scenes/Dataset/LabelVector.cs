namespace Pilot.Vision.Scenes.Dataset;

/// <summary>
/// The labels of one sample flattened into floats, in a fixed order stored in data sets and fed to losses:
/// lane lines [4, 33] (m), lane-line probabilities [4], road edges [2, 33] (m), path [33] (m),
/// lead [5]: present (0/1), x (m), y (m, right), v (m/s), a (m/s²).
/// </summary>
public static class LabelVector
{
    public const int LaneLines = 0;
    public const int LaneLineProbs = LaneLines + SceneLabels.LaneLineCount * ModelGrid.Points;
    public const int RoadEdges = LaneLineProbs + SceneLabels.LaneLineCount;
    public const int Path = RoadEdges + SceneLabels.RoadEdgeCount * ModelGrid.Points;
    public const int Lead = Path + ModelGrid.Points;
    public const int Length = Lead + 5;

    public static void Write(SceneLabels labels, Span<float> vector)
    {
        if (vector.Length < Length) throw new ArgumentException($"a label vector holds {Length} floats, got room for {vector.Length}");
        for (int k = 0; k < SceneLabels.LaneLineCount; k++)
        {
            for (int i = 0; i < ModelGrid.Points; i++) vector[LaneLines + k * ModelGrid.Points + i] = labels.LaneLines[k, i];
            vector[LaneLineProbs + k] = labels.LaneLineProbs[k];
        }
        for (int e = 0; e < SceneLabels.RoadEdgeCount; e++)
            for (int i = 0; i < ModelGrid.Points; i++) vector[RoadEdges + e * ModelGrid.Points + i] = labels.RoadEdges[e, i];
        labels.Path.CopyTo(vector[Path..]);
        vector[Lead] = labels.HasLead ? 1 : 0;
        vector[Lead + 1] = labels.LeadX;
        vector[Lead + 2] = labels.LeadY;
        vector[Lead + 3] = labels.LeadV;
        vector[Lead + 4] = labels.LeadA;
    }
}
