using System.Globalization;
using Pilot.Vision.Data.Training;

namespace Pilot.Vision.Data.Checkpoints;

/// <summary>
/// Keeps two checkpoints in a folder: "{prefix}.last.ckpt" (every save) and "{prefix}.best.ckpt" (the best by a
/// metric so far). The metric is stored in the checkpoint's metadata under its name, so a resumed run picks up the
/// best value from the existing best file. Both files are replaced atomically.
/// </summary>
public sealed class BestCheckpointKeeper
{
    public string LastPath { get; }
    public string BestPath { get; }
    public string MetricName { get; }
    public MetricMode Mode { get; }

    /// <summary>The best metric saved so far (from the existing best file at construction), or null.</summary>
    public double? Best { get; private set; }

    public BestCheckpointKeeper(string directory, string metricName, MetricMode mode, string prefix = "model")
    {
        Directory.CreateDirectory(directory);
        LastPath = Path.Combine(directory, prefix + ".last.ckpt");
        BestPath = Path.Combine(directory, prefix + ".best.ckpt");
        MetricName = metricName;
        Mode = mode;
        if (File.Exists(BestPath))
        {
            var metadata = Checkpoint.ReadHeader(BestPath).Metadata;
            if (!metadata.TryGetValue(metricName, out string? text) ||
                !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double best))
                throw new DataFormatException(BestPath, -1, $"metadata has no numeric '{metricName}' to compare new checkpoints with");
            Best = best;
        }
    }

    /// <summary>Saves <paramref name="checkpoint"/> as the last one, and as the best one when
    /// <paramref name="metric"/> improves on <see cref="Best"/>; returns whether it did.</summary>
    public bool Save(Checkpoint checkpoint, double metric)
    {
        checkpoint.Metadata[MetricName] = metric.ToString("R", CultureInfo.InvariantCulture);
        checkpoint.Save(LastPath);
        if (!Mode.IsImprovement(metric, Best)) return false;
        AtomicFile.Write(BestPath, target =>
        {
            using var source = File.OpenRead(LastPath);
            source.CopyTo(target);
        });
        Best = metric;
        return true;
    }
}
