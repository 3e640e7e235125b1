using Pilot.Vision.Data.Metrics;

namespace Pilot.Vision.Data.Tests;

public class MetricsTests
{
    // Four rows, three classes.
    private static readonly float[] Scores =
    [
        0.1f, 0.7f, 0.2f,   // predicts 1; label 1: top-1
        0.5f, 0.3f, 0.2f,   // predicts 0; label 2: ranked 3rd
        0.2f, 0.3f, 0.5f,   // predicts 2; label 1: ranked 2nd
        0.4f, 0.4f, 0.2f,   // tie between 0 and 1: argmax picks 0; label 1 ranks 2nd
    ];
    private static readonly int[] Labels = [1, 2, 1, 1];

    [Fact]
    public void TopOneAndTopKCountRanks()
    {
        Assert.Equal(1, Accuracy.CountCorrect(Scores, Labels, 3));
        Assert.Equal(3, Accuracy.CountTopK(Scores, Labels, 3, 2));
        Assert.Equal(4, Accuracy.CountTopK(Scores, Labels, 3, 3));
        Assert.Equal(0.25, Accuracy.Of(Scores, Labels, 3));
        Assert.Equal(0.75, Accuracy.TopK(Scores, Labels, 3, 2));
        Assert.Equal(0, Accuracy.ArgMax([0.4f, 0.4f, 0.2f]));
    }

    [Fact]
    public void TopOneAgreesWithArgMaxOnRandomScoresWithTies()
    {
        var rng = new Rng(11);
        var scores = new float[500 * 5];
        for (int i = 0; i < scores.Length; i++) scores[i] = rng.NextInt(4);   // many ties
        var labels = Enumerable.Range(0, 500).Select(_ => rng.NextInt(5)).ToArray();
        int byArgMax = 0;
        for (int n = 0; n < 500; n++) byArgMax += Accuracy.ArgMax(scores.AsSpan(n * 5, 5)) == labels[n] ? 1 : 0;
        Assert.Equal(byArgMax, Accuracy.CountCorrect(scores, labels, 5));
    }

    [Fact]
    public void BadShapesAndLabelsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Accuracy.CountCorrect(Scores, [1, 2], 3));
        var e = Assert.Throws<ArgumentException>(() => Accuracy.CountCorrect(Scores, [1, 2, 3, 0], 3));
        Assert.Contains("label 3 of row 2", e.Message);
    }

    [Fact]
    public void ConfusionMatrixCountsPrecisionAndRecall()
    {
        var matrix = new ConfusionMatrix(3, ["cat", "dog", "bird"]);
        matrix.AddBatch(Scores, Labels);
        Assert.Equal(4, matrix.Total);
        Assert.Equal(1, matrix[1, 1]);
        Assert.Equal(1, matrix[2, 0]);
        Assert.Equal(1, matrix[1, 2]);
        Assert.Equal(1, matrix[1, 0]);
        Assert.Equal(0.25, matrix.Accuracy);
        Assert.Equal(1.0, matrix.Precision(1));        // predicted dog once, correctly
        Assert.Equal(1.0 / 3, matrix.Recall(1), 12);   // three dogs, one found
        Assert.Equal(0.0, matrix.Precision(0));
        Assert.True(double.IsNaN(matrix.Recall(0)));   // no cats

        string table = matrix.ToTable();
        string[] lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("1 dog", lines[2]);
        Assert.Contains("100.0%", lines[2]);
        Assert.Contains("33.3%", lines[2]);
        Assert.Contains("accuracy 25.0% of 4", lines[4]);
        Assert.Equal(lines[1].Length, lines[2].Length);   // columns line up
    }

    [Fact]
    public void RunningMeanWeightsBatchesAndResets()
    {
        var mean = new RunningMean();
        Assert.True(double.IsNaN(mean.Mean));
        mean.Add(1.0, 64);
        mean.Add(4.0, 32);
        Assert.Equal(2.0, mean.Mean, 12);
        Assert.Equal(2, mean.Count);
        mean.Reset();
        mean.Add(0.1);
        Assert.Equal(0.1, mean.Mean);
        // Kahan summation: a million additions of 0.1 stay exact to 1e-12.
        var many = new RunningMean();
        for (int i = 0; i < 1_000_000; i++) many.Add(0.1);
        Assert.Equal(0.1, many.Mean, 15);
    }
}
