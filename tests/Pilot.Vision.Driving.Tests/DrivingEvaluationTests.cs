using Pilot.Vision.Scenes;
using Pilot.Vision.Scenes.Dataset;

namespace Pilot.Vision.Driving.Tests;

public class DrivingEvaluationTests
{
    /// <summary>A raw network output that predicts exactly <paramref name="labels"/>, lane lines offset by <paramref name="laneError"/> m.</summary>
    private static float[] OutputFor(float[] labels, float laneError = 0, float leadProbLogit = 6)
    {
        var o = new float[DrivingOutputs.Length];
        for (int k = 0; k < 4; k++)
        {
            for (int i = 0; i < 33; i++) o[DrivingOutputs.LaneMean + k * 33 + i] = labels[LabelVector.LaneLines + k * 33 + i] + laneError;
            o[DrivingOutputs.LaneProb + k] = labels[LabelVector.LaneLineProbs + k] > 0.5f ? 6 : -6;
        }
        for (int i = 0; i < 33; i++) o[DrivingOutputs.PathMean + i] = labels[LabelVector.Path + i];
        o[DrivingOutputs.LeadProb] = labels[LabelVector.Lead] > 0.5f ? leadProbLogit : -6;
        for (int j = 0; j < 4; j++) o[DrivingOutputs.LeadMean + j] = labels[LabelVector.Lead + 1 + j] / DrivingOutputs.LeadUnits[j];
        return o;
    }

    private static float[] Labels(long index)
    {
        var labels = new float[LabelVector.Length];
        LabelVector.Write(SceneLabels.From(SceneSampler.Sample(9, index)), labels);
        return labels;
    }

    [Fact]
    public void A_perfect_model_scores_zero_error_and_full_precision_and_recall()
    {
        var evaluation = new DrivingEvaluation();
        int leads = 0;
        for (int i = 0; i < 40; i++)
        {
            var labels = Labels(i);
            if (labels[LabelVector.Lead] > 0.5f && labels[LabelVector.Lead + 1] <= 80) leads++;
            evaluation.Add(OutputFor(labels), labels);
        }
        Assert.True(leads > 5);
        for (int d = 0; d < 3; d++)
        {
            Assert.Equal(0, evaluation.MedianLaneError(d), 5);
            Assert.Equal(0, evaluation.MedianPathError(d), 5);
        }
        Assert.Equal(1, evaluation.LeadPrecision);
        Assert.Equal(1, evaluation.LeadRecall);
        Assert.Equal(0, evaluation.MedianLeadDistanceError, 5);
    }

    [Fact]
    public void Errors_and_missed_leads_are_counted()
    {
        var evaluation = new DrivingEvaluation();
        int leads = 0;
        for (int i = 0; i < 40; i++)
        {
            var labels = Labels(i);
            if (labels[LabelVector.Lead] > 0.5f && labels[LabelVector.Lead + 1] <= 80) leads++;
            evaluation.Add(OutputFor(labels, laneError: 0.25f, leadProbLogit: -6), labels);  // never sees a lead
        }
        Assert.Equal(0.25, evaluation.MedianLaneError(1), 4);
        Assert.Equal(0, evaluation.LeadRecall);
        Assert.True(double.IsNaN(evaluation.LeadPrecision));
    }

    [Fact]
    public void Decoding_turns_raw_outputs_into_si_units()
    {
        var raw = new float[DrivingOutputs.Length];
        raw[DrivingOutputs.LeadMean] = 3.5f;       // 35 m
        raw[DrivingOutputs.LeadMean + 2] = 2f;     // 20 m/s
        raw[DrivingOutputs.LeadProb] = 0;
        raw[DrivingOutputs.LaneScale] = MathF.Log(0.1f);
        var p = DrivingPrediction.Decode(raw);
        Assert.Equal(35f, p.LeadX, 4);
        Assert.Equal(20f, p.LeadV, 4);
        Assert.Equal(0.5f, p.LeadProb, 6);
        Assert.Equal(0.1f * MathF.Sqrt(2), p.LaneLineStds[0, 0], 5);
    }
}
