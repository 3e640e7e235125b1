using Pilot.Vision.Data;
using Pilot.Vision.Scenes.Dataset;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Driving.Tests;

public class DrivingLossTests
{
    private static (Tensor Prediction, float[] Labels) RandomCase(int n, bool lead, ulong seed)
    {
        var rng = new Rng(seed);
        var prediction = Tensor.Create("prediction", n, DrivingOutputs.Length);
        var p = prediction.Span;
        for (int i = 0; i < p.Length; i++) p[i] = rng.NextGaussian();
        var labels = new float[n * LabelVector.Length];
        for (int s = 0; s < n; s++)
        {
            var y = labels.AsSpan(s * LabelVector.Length, LabelVector.Length);
            // Targets well away from the predictions (≈ N(0, 1)): the Laplace term has a kink at zero error, where a
            // finite difference would straddle it.
            for (int i = 0; i < y.Length; i++) y[i] = 5 + 2 * rng.NextGaussian();
            y[LabelVector.LaneLineProbs] = 0;  // the far-left line is missing
            for (int k = 1; k < 4; k++) y[LabelVector.LaneLineProbs + k] = 1;
            y[LabelVector.Lead] = lead ? 1 : 0;
            y[LabelVector.Lead + 1] = 35;
        }
        return (prediction, labels);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gradient_matches_finite_differences(bool lead)
    {
        var (prediction, labels) = RandomCase(2, lead, 7);
        var gradient = Tensor.Create("gradient", prediction.Shape);
        var loss = new DrivingLoss();
        loss.Compute(prediction, labels, gradient);
        var analytic = gradient.ToArray();
        var p = prediction.Span;
        var scratch = Tensor.Create("scratch", prediction.Shape);
        const float h = 1e-2f;
        var rng = new Rng(3);
        for (int trial = 0; trial < 200; trial++)
        {
            int i = rng.NextInt(p.Length);
            float original = p[i];
            p[i] = original + h; double up = loss.Compute(prediction, labels, scratch);
            p[i] = original - h; double down = loss.Compute(prediction, labels, scratch);
            p[i] = original;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) < 2e-3 + 0.02 * Math.Abs(numeric), $"output {i}: numeric {numeric:G5}, analytic {analytic[i]:G5}");
        }
    }

    [Fact]
    public void Missing_lines_and_an_absent_lead_contribute_nothing()
    {
        var (prediction, labels) = RandomCase(1, lead: false, 11);
        var gradient = Tensor.Create("gradient", prediction.Shape);
        var loss = new DrivingLoss();
        float before = loss.Compute(prediction, labels, gradient);
        var g = gradient.Span;
        for (int i = 0; i < 33; i++) Assert.Equal(0, g[DrivingOutputs.LaneMean + i]);   // far-left line: no label
        for (int j = 0; j < 8; j++) Assert.Equal(0, g[DrivingOutputs.LeadMean + j]);    // no lead: no regression
        Assert.NotEqual(0, g[DrivingOutputs.LeadProb]);                                  // but its absence is learnt
        prediction.Span[DrivingOutputs.LaneMean + 5] += 10;
        prediction.Span[DrivingOutputs.LeadMean] += 10;
        Assert.Equal(before, loss.Compute(prediction, labels, gradient));
    }

    [Fact]
    public void A_perfect_confident_prediction_has_lower_loss_than_a_wrong_one()
    {
        var (prediction, labels) = RandomCase(1, lead: true, 5);
        var p = prediction.Span;
        for (int k = 0; k < 4; k++)
            for (int i = 0; i < 33; i++)
            {
                p[DrivingOutputs.LaneMean + k * 33 + i] = labels[LabelVector.LaneLines + k * 33 + i];
                p[DrivingOutputs.LaneScale + k * 33 + i] = -3;
            }
        var gradient = Tensor.Create("gradient", prediction.Shape);
        float good = new DrivingLoss().Compute(prediction, labels, gradient);
        for (int i = 0; i < 33; i++) p[DrivingOutputs.LaneMean + 33 + i] += 1;  // the left line 1 m off, still confident
        float bad = new DrivingLoss().Compute(prediction, labels, gradient);
        Assert.True(bad > good + 5, $"wrong {bad}, right {good}");
    }
}
