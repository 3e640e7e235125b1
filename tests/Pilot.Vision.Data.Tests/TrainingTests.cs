using Pilot.Vision.Data.Checkpoints;
using Pilot.Vision.Data.Images;
using Pilot.Vision.Data.Training;

namespace Pilot.Vision.Data.Tests;

public class TrainingTests
{
    [Fact]
    public void EarlyStoppingWaitsPatienceEpochsWithoutImprovementBeyondMinDelta()
    {
        var stopping = new EarlyStopping(patience: 2, MetricMode.Min, minDelta: 0.01);
        Assert.False(stopping.Update(0, 1.00));
        Assert.False(stopping.Update(1, 0.90));
        Assert.False(stopping.Update(2, 0.895));   // better, but by less than minDelta: no improvement
        Assert.Equal(1, stopping.EpochsWithoutImprovement);
        Assert.False(stopping.Update(3, 0.80));    // improvement resets the count
        Assert.False(stopping.Update(4, 0.85));
        Assert.True(stopping.Update(5, double.NaN));   // NaN never improves
        Assert.Equal((0.80, 3), (stopping.Best!.Value, stopping.BestEpoch));

        var accuracy = new EarlyStopping(1, MetricMode.Max);
        Assert.False(accuracy.Update(0, 0.5));
        Assert.False(accuracy.Update(1, 0.6));
        Assert.True(accuracy.Update(2, 0.6));
    }

    [Fact]
    public void KeeperSavesLastAlwaysAndBestOnlyOnImprovementAndResumes()
    {
        using var dir = new TempDir();
        Checkpoint At(int epoch)
        {
            var c = new Checkpoint();
            c.Add("w", [1], [epoch]);
            c.Metadata["epoch"] = epoch.ToString();
            return c;
        }
        var keeper = new BestCheckpointKeeper(dir.Path, "val_accuracy", MetricMode.Max, "lenet");
        Assert.True(keeper.Save(At(0), 0.70));
        Assert.True(keeper.Save(At(1), 0.80));
        Assert.False(keeper.Save(At(2), 0.75));
        Assert.Equal(Path.Combine(dir.Path, "lenet.best.ckpt"), keeper.BestPath);
        Assert.Equal(1f, Checkpoint.Load(keeper.BestPath)["w"].Data[0]);
        Assert.Equal(2f, Checkpoint.Load(keeper.LastPath)["w"].Data[0]);
        Assert.Equal("0.8", Checkpoint.Load(keeper.BestPath).Metadata["val_accuracy"]);

        var resumed = new BestCheckpointKeeper(dir.Path, "val_accuracy", MetricMode.Max, "lenet");
        Assert.Equal(0.80, resumed.Best);
        Assert.False(resumed.Save(At(3), 0.79));
        Assert.True(resumed.Save(At(4), 0.81));
        Assert.Equal(4f, Checkpoint.Load(resumed.BestPath)["w"].Data[0]);
        Assert.False(File.Exists(resumed.BestPath + ".tmp"));

        var e = Assert.Throws<DataFormatException>(() => new BestCheckpointKeeper(dir.Path, "val_loss", MetricMode.Min, "lenet"));
        Assert.Contains("'val_loss'", e.Message);
    }

    [Fact]
    public void RedirectedProgressWritesTenPlainLines()
    {
        var output = new StringWriter();
        var bar = new ProgressBar("epoch 1/5", 938, output, interactive: false);
        for (int i = 1; i <= 938; i++) bar.Report(i, $"loss {1.0 / i:F3}");
        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.StartsWith("epoch 1/5 [===", lines[0]);
        Assert.Contains(" 94/938 loss 0.011", lines[0]);
        Assert.Contains("[==============================] 938/938 loss 0.001", lines[^1]);
    }

    [Fact]
    public void InteractiveProgressRewritesOneLine()
    {
        var output = new StringWriter();
        var bar = new ProgressBar("train", 100, output, interactive: true);
        for (int i = 0; i <= 100; i++) bar.Report(i);
        string text = output.ToString();
        Assert.Equal(31, text.Count(c => c == '\r'));          // one redraw per bar cell, 0..30
        Assert.Single(text.Split(Environment.NewLine), l => l.Length > 0);   // one line, ended once
        Assert.EndsWith(Environment.NewLine, text);
        Assert.Contains("100/100", text);

        var narrow = new StringWriter();
        var small = new ProgressBar("train", 10, narrow, interactive: true, width: 20);
        small.Report(10, "loss 0.123456");
        Assert.Equal("\rtrain [=============" + Environment.NewLine, narrow.ToString());
    }

    [Fact]
    public void CurvesAreWrittenAsDecodablePngsOfTheRequestedSize()
    {
        using var dir = new TempDir();
        var history = new TrainingHistory();
        double[] trainLoss = [2.3, 1.1, 0.7, 0.5, 0.42], testAcc = [0.41, 0.72, 0.80, 0.85, 0.87];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            history.Add("train loss", trainLoss[epoch]);
            history.Add("test loss", trainLoss[epoch] + 0.1);
            history.Add("test accuracy", testAcc[epoch]);
        }
        Assert.Equal(["train loss", "test loss", "test accuracy"], history.Names);
        var written = history.SavePlots(dir.Path, 640, 400);
        Assert.Equal([dir.File("loss.png"), dir.File("accuracy.png")], written);
        foreach (string path in written)
        {
            var image = ImageFile.LoadRgb(path);
            Assert.Equal((640, 400), (image.Width, image.Height));
            // Not blank: mostly white background, but with many non-white pixels (axes, text, lines) and colour.
            int nonWhite = 0, coloured = 0;
            for (int i = 0; i < image.Pixels.Length; i += 3)
            {
                byte r = image.Pixels[i], g = image.Pixels[i + 1], b = image.Pixels[i + 2];
                if (r < 200 || g < 200 || b < 200) nonWhite++;
                if (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > 80) coloured++;
            }
            Assert.InRange(nonWhite, 1000, 640 * 400 / 2);
            Assert.True(coloured > 200, $"{path}: {coloured} coloured pixels; the curves are missing");
        }
    }
}
