namespace Pilot.Vision.Data.Training;

/// <summary>Line plots of per-epoch curves as PNG, drawn with ScottPlot (SkiaSharp underneath; no display needed).</summary>
public static class CurvePlot
{
    /// <summary>One line per series, x = epoch 1..n, with a legend.</summary>
    public static void SavePng(string path, string title, string yLabel, IReadOnlyDictionary<string, IReadOnlyList<double>> series,
        int width = 800, int height = 500)
    {
        if (series.Count == 0) throw new ArgumentException("nothing to plot", nameof(series));
        if (width < 100 || height < 100) throw new ArgumentException($"a {width}×{height} plot is too small to read");
        var plot = new ScottPlot.Plot();
        foreach (var (name, values) in series)
        {
            double[] xs = Enumerable.Range(1, values.Count).Select(e => (double)e).ToArray();
            var line = plot.Add.Scatter(xs, values.ToArray());
            line.LegendText = name;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(ScottPlot.Edge.Bottom);   // below the axes: curves can run anywhere inside them
        plot.SavePng(path, width, height);
    }
}
