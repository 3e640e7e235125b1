namespace Pilot.Vision.Data.Training;

/// <summary>Per-epoch values of named metrics ("train loss", "test accuracy", ...), in the order recorded.</summary>
public sealed class TrainingHistory
{
    private readonly Dictionary<string, List<double>> _series = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<string> Names => _order;

    public void Add(string name, double value)
    {
        if (!_series.TryGetValue(name, out var values))
        {
            _series[name] = values = [];
            _order.Add(name);
        }
        values.Add(value);
    }

    public IReadOnlyList<double> this[string name] => _series.TryGetValue(name, out var values)
        ? values
        : throw new KeyNotFoundException($"no series '{name}' (have: {string.Join(", ", _order)})");

    /// <summary>
    /// Writes "loss.png" (every series whose name contains "loss") and "accuracy.png" (those containing "acc")
    /// into <paramref name="directory"/>; returns the paths written (a plot with no series is skipped).
    /// </summary>
    public IReadOnlyList<string> SavePlots(string directory, int width = 800, int height = 500)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (file, title, key) in (ReadOnlySpan<(string, string, string)>)[("loss.png", "Loss", "loss"), ("accuracy.png", "Accuracy", "acc")])
        {
            var series = _order.Where(n => n.Contains(key, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(n => n, n => (IReadOnlyList<double>)_series[n]);
            if (series.Count == 0) continue;
            string path = Path.Combine(directory, file);
            CurvePlot.SavePng(path, title, title.ToLowerInvariant(), series, width, height);
            written.Add(path);
        }
        return written;
    }
}
