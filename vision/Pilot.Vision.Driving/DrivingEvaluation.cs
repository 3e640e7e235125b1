using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;

namespace Pilot.Vision.Driving;

/// <summary>
/// Accumulates held-out errors of the driving network: lateral error of the ego lane's two lines at 10, 20 and 40 m
/// (where the line exists), path error at the same distances, lead detection within <see cref="LeadRange"/>
/// (probability above 0.5 against a labelled lead at most that far), and the relative distance error of detected leads.
/// </summary>
public sealed class DrivingEvaluation
{
    /// <summary>Leads are scored within this distance, m.</summary>
    public const double LeadRange = 80;

    public static readonly double[] Distances = [10, 20, 40];

    private readonly List<float>[] _laneErrors = Distances.Select(_ => new List<float>()).ToArray();
    private readonly List<float>[] _pathErrors = Distances.Select(_ => new List<float>()).ToArray();
    private readonly List<float> _leadDistanceErrors = [];
    private int _truePositives, _falsePositives, _falseNegatives;

    public int Samples { get; private set; }

    /// <summary>Adds one sample: its raw network output and its label vector.</summary>
    public void Add(ReadOnlySpan<float> output, ReadOnlySpan<float> labels)
    {
        var prediction = DrivingPrediction.Decode(output);
        Samples++;
        for (int d = 0; d < Distances.Length; d++)
        {
            double x = Distances[d];
            foreach (int line in new[] { 1, 2 })  // the ego lane's left and right lines
            {
                if (labels[LabelVector.LaneLineProbs + line] < 0.5f) continue;
                float truth = GridInterpolation.At(labels.Slice(LabelVector.LaneLines + line * ModelGrid.Points, ModelGrid.Points), x);
                _laneErrors[d].Add(MathF.Abs(prediction.LaneLineAt(line, x) - truth));
            }
            float path = GridInterpolation.At(labels.Slice(LabelVector.Path, ModelGrid.Points), x);
            _pathErrors[d].Add(MathF.Abs(GridInterpolation.At(prediction.Path, x) - path));
        }
        bool labelled = labels[LabelVector.Lead] > 0.5f && labels[LabelVector.Lead + 1] <= LeadRange;
        bool beyond = labels[LabelVector.Lead] > 0.5f && !labelled;
        bool detected = prediction.LeadProb > 0.5f;
        if (detected && labelled)
        {
            _truePositives++;
            float x = labels[LabelVector.Lead + 1];
            _leadDistanceErrors.Add(MathF.Abs(prediction.LeadX - x) / x);
        }
        else if (detected && !beyond) _falsePositives++;   // a detection of a lead beyond the range is not held against it
        else if (!detected && labelled) _falseNegatives++;
    }

    public double MedianLaneError(int distanceIndex) => Median(_laneErrors[distanceIndex]);
    public double MedianPathError(int distanceIndex) => Median(_pathErrors[distanceIndex]);
    public double LeadPrecision => _truePositives + _falsePositives == 0 ? double.NaN : (double)_truePositives / (_truePositives + _falsePositives);
    public double LeadRecall => _truePositives + _falseNegatives == 0 ? double.NaN : (double)_truePositives / (_truePositives + _falseNegatives);
    public double LeadF1 => 2 * LeadPrecision * LeadRecall / (LeadPrecision + LeadRecall);
    public double MedianLeadDistanceError => Median(_leadDistanceErrors);

    /// <summary>A readable report of every figure.</summary>
    public string Report()
    {
        var lines = new List<string> { $"samples                     {Samples}" };
        for (int d = 0; d < Distances.Length; d++)
            lines.Add($"lane error @ {Distances[d],3} m (median)  {MedianLaneError(d):F3} m");
        for (int d = 0; d < Distances.Length; d++)
            lines.Add($"path error @ {Distances[d],3} m (median)  {MedianPathError(d):F3} m");
        lines.Add($"lead precision / recall     {LeadPrecision:F3} / {LeadRecall:F3}  (F1 {LeadF1:F3}, within {LeadRange} m)");
        lines.Add($"lead distance error (median) {100 * MedianLeadDistanceError:F1} %");
        return string.Join(Environment.NewLine, lines);
    }

    private static double Median(List<float> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
    }
}
